import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, type Problem } from '../../api/client';
import { Field, ProblemAlert } from '../../components/Field';
import { formatDateTime } from '../../format';
import type { ApiKey, NewApiKey } from './lender-utils';
import { OwnLenderLine, SecretBox } from './parts';
import { WebhookDeliveries } from './WebhookDeliveries';

/** The lender's integration: API keys for its systems and the webhook that tells them about new requests. */
export function LenderSettings() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <div>
        <h1>{t('lender.settings.title')}</h1>
        <OwnLenderLine />
      </div>
      <ApiKeys />
      <Webhook />
      <WebhookDeliveries />
    </div>
  );
}

function ApiKeys() {
  const { t } = useTranslation();
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [created, setCreated] = useState<NewApiKey | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const [labelError, setLabelError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const { data, error } = await api.GET('/api/v1/lender/api-keys');
    if (error) return setProblem(error as Problem);
    setKeys(data.items);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const label = String(new FormData(form).get('label') ?? '').trim();
    if (label.length < 2) return setLabelError(t('lender.settings.labelInvalid'));
    setLabelError(null);
    const { data, error } = await api.POST('/api/v1/lender/api-keys', { body: { label } });
    if (error) return setProblem(error as Problem);
    setProblem(null);
    setRevoked(null);
    setCreated(data);
    form.reset();
    await load();
  }

  async function revoke(k: ApiKey) {
    if (!window.confirm(t('lender.settings.revokeConfirm', { label: k.label, prefix: k.prefix }))) return;
    const { error } = await api.POST('/api/v1/lender/api-keys/{id}/revoke', { params: { path: { id: k.id } } });
    if (error) return setProblem(error as Problem);
    setProblem(null);
    setRevoked(k.label);
    if (created?.id === k.id) setCreated(null);
    await load();
  }

  return (
    <section className="card" aria-labelledby="api-keys-title">
      <h2 id="api-keys-title">{t('lender.settings.apiKeys')}</h2>
      <p>{t('lender.settings.apiKeysLead')}</p>
      <ProblemAlert problem={problem} />
      {created && (
        <SecretBox
          title={t('lender.settings.newKeyTitle', { label: created.label })}
          warning={t('lender.settings.newKeyWarning')}
          secret={created.key}
          testId="api-key-secret"
          onDismiss={() => setCreated(null)}
        >
          <p>{t('lender.settings.keyUsage')}</p>
        </SecretBox>
      )}
      {revoked && <p role="status">{t('lender.settings.revoked', { label: revoked })}</p>}
      {keys?.length === 0 && <p>{t('lender.settings.noKeys')}</p>}
      {keys && keys.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
          <table data-testid="api-keys" aria-labelledby="api-keys-title">
            <thead>
              <tr>
                <th scope="col">{t('lender.settings.label')}</th>
                <th scope="col">{t('lender.settings.prefix')}</th>
                <th scope="col">{t('lender.settings.createdAt')}</th>
                <th scope="col">{t('lender.settings.lastUsedAt')}</th>
                <th scope="col">{t('lender.settings.state')}</th>
                <th scope="col">{t('lender.settings.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id}>
                  <th scope="row">{k.label}</th>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>{formatDateTime(k.createdAt)}</td>
                  <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : t('lender.settings.neverUsed')}</td>
                  <td>
                    {k.revokedAt ? (
                      <span className="badge status-withdrawn">{t('lender.settings.revokedAt', { at: formatDateTime(k.revokedAt) })}</span>
                    ) : (
                      <span className="badge status-offered">{t('lender.settings.active')}</span>
                    )}
                  </td>
                  <td>
                    {!k.revokedAt && (
                      <button type="button" onClick={() => revoke(k)} aria-label={t('lender.settings.revokeLabel', { label: k.label })}>
                        {t('lender.settings.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form onSubmit={create} noValidate>
        <h3>{t('lender.settings.createTitle')}</h3>
        <div className="grid">
          <Field
            label={t('lender.settings.newLabel')}
            name="label"
            maxLength={100}
            autoComplete="off"
            hint={t('lender.settings.newLabelHint')}
            error={labelError ?? fieldErrors(problem ?? undefined).label}
          />
        </div>
        <button className="primary" type="submit">
          {t('lender.settings.create')}
        </button>
      </form>
    </section>
  );
}

function Webhook() {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null | undefined>(undefined);
  const [input, setInput] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState<'set' | 'cleared' | null>(null);
  useEffect(() => {
    void api.GET('/api/v1/lender/webhook').then(({ data, error }) => {
      if (error) return setProblem(error as Problem);
      setUrl(data.url);
      setInput(data.url ?? '');
    });
  }, []);

  async function put(next: string | null) {
    const { data, error } = await api.PUT('/api/v1/lender/webhook', { body: { url: next } });
    if (error) {
      setSaved(null);
      return setProblem(error as Problem);
    }
    setProblem(null);
    setUrl(data.url);
    setInput(data.url ?? '');
    setSecret(data.secret);
    setSaved(data.url ? 'set' : 'cleared');
  }
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const next = input.trim();
    if (!next) return setProblem({ type: '', title: '', status: 400, detail: t('lender.settings.webhookUrlRequired'), errors: [{ path: 'url', message: t('lender.settings.webhookUrlRequired') }] });
    await put(next);
  }
  async function clear() {
    if (!window.confirm(t('lender.settings.webhookClearConfirm'))) return;
    await put(null);
  }

  const errors = fieldErrors(problem ?? undefined);
  return (
    <section className="card" aria-labelledby="webhook-title">
      <h2 id="webhook-title">{t('lender.settings.webhook')}</h2>
      <p>{t('lender.settings.webhookLead')}</p>
      {url !== undefined && (
        <p data-testid="webhook-current">
          {url ? (
            <>
              {t('lender.settings.webhookCurrent')} <code>{url}</code>
            </>
          ) : (
            t('lender.settings.webhookNone')
          )}
        </p>
      )}
      <ProblemAlert problem={problem} />
      {saved && <p role="status">{saved === 'set' ? t('lender.settings.webhookSaved') : t('lender.settings.webhookCleared')}</p>}
      {secret && (
        <SecretBox
          title={t('lender.settings.secretTitle')}
          warning={t('lender.settings.secretWarning')}
          secret={secret}
          testId="webhook-secret"
          onDismiss={() => setSecret(null)}
        />
      )}
      <form onSubmit={onSubmit} noValidate>
        <div className="grid">
          <Field
            label={t('lender.settings.webhookUrl')}
            type="url"
            inputMode="url"
            autoComplete="url"
            placeholder="https://"
            value={input}
            onChange={(e) => setInput(e.target.value)}
            hint={t('lender.settings.webhookUrlHint')}
            error={errors.url}
          />
        </div>
        <div className="actions">
          <button className="primary" type="submit">
            {url ? t('lender.settings.webhookReplace') : t('lender.settings.webhookSave')}
          </button>
          {url && (
            <button type="button" onClick={clear}>
              {t('lender.settings.webhookClear')}
            </button>
          )}
        </div>
      </form>
      <h3>{t('lender.settings.signatureTitle')}</h3>
      <p>{t('lender.settings.signatureLead')}</p>
      <p>
        <code>{t('lender.settings.signatureHeader')}</code>
      </p>
      <p>{t('lender.settings.signatureVerify')}</p>
    </section>
  );
}
