import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, type Problem } from '../api/client';
import type { components } from '../api/schema';
import { useAuth } from '../auth';
import { ProblemAlert } from '../components/Field';
import { PolicyForm, PolicySummary } from '../components/PolicyForm';
import { formatDateTime } from '../format';

type Lender = components['schemas']['Lender'];
type PolicyVersion = components['schemas']['CreditPolicyVersion'];

export function Lenders() {
  const { t } = useTranslation();
  const [items, setItems] = useState<Lender[] | null>(null);
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => {
      void api.GET('/api/v1/lenders', { params: { query: q ? { q } : {} } }).then(({ data }) => setItems(data?.items ?? []));
    }, 200);
    return () => clearTimeout(timer);
  }, [q]);
  return (
    <section className="card">
      <div className="card-head">
        <h1>{t('lenders.title')}</h1>
        <label>
          {t('lenders.search')} <input value={q} onChange={(e) => setQ(e.target.value)} type="search" />
        </label>
      </div>
      {items && <p>{t('lenders.count', { count: items.length })}</p>}
      {items?.some((l) => l.demo) && <p className="notice">{t('lenders.demoNotice')}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('lenders.name')}</th>
            <th scope="col">{t('lenders.type')}</th>
            <th scope="col">{t('lenders.region')}</th>
            <th scope="col">{t('lenders.version')}</th>
          </tr>
        </thead>
        <tbody>
          {items?.map((l) => (
            <tr key={l.id}>
              <td>
                <Link to={`/lenders/${l.id}`}>{l.name}</Link> {l.demo && <span className="badge">{t('lenders.demo')}</span>}
              </td>
              <td>{t(`lenderTypes.${l.type}`)}</td>
              <td>{l.federalState ? t(`lender.federalStates.${l.federalState}`) : t('lenders.nationwide')}</td>
              <td>{l.currentPolicyVersion}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function LenderDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { me } = useAuth();
  const [lender, setLender] = useState<Lender | null>(null);
  const [versions, setVersions] = useState<PolicyVersion[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const canEdit = me?.role === 'admin' || me?.role === 'lender';
  // The API shows a policy only to admins and the lender's own staff (advisors get 404): the same people edit it.
  const canRead = canEdit;

  async function load() {
    const l = await api.GET('/api/v1/lenders/{id}', { params: { path: { id } } });
    if (l.error) return setProblem(l.error as Problem);
    setLender(l.data);
    if (canRead) {
      const v = await api.GET('/api/v1/lenders/{id}/policy/versions', { params: { path: { id } } });
      if (v.data) setVersions(v.data.items);
    }
  }
  useEffect(() => {
    void load();
  }, [id]);

  async function save(policy: unknown): Promise<Problem | null> {
    const { data, error } = await api.PUT('/api/v1/lenders/{id}/policy', {
      params: { path: { id } },
      body: policy as PolicyVersion['policy'],
    });
    if (error) return error as Problem;
    setSaved(data.version);
    await load();
    return null;
  }

  if (!lender) return problem ? <ProblemAlert problem={problem} /> : <p>{t('common.loading')}</p>;
  const current = versions?.find((v) => v.current) ?? versions?.[0];
  return (
    <div className="stack">
      <section className="card">
        <h1>
          {lender.name} {lender.demo && <span className="badge">{t('lenders.demo')}</span>}
        </h1>
        {lender.demo && <p className="notice">{t('lenders.demoNotice')}</p>}
        <dl className="facts">
          <dt>{t('lenders.type')}</dt>
          <dd>{t(`lenderTypes.${lender.type}`)}</dd>
          <dt>BIC</dt>
          <dd>{lender.bic ?? '–'}</dd>
          <dt>{t('lenders.region')}</dt>
          <dd>{lender.federalState ? t(`lender.federalStates.${lender.federalState}`) : t('lenders.nationwide')}</dd>
          <dt>{t('lenders.version')}</dt>
          <dd>{lender.currentPolicyVersion}</dd>
        </dl>
      </section>
      <section className="card">
        <h2>{t('lenders.policy')}</h2>
        {!canRead && <p className="muted">{t('lenders.summary.notVisible')}</p>}
        {canRead && !canEdit && current && <PolicySummary policy={current.policy} />}
        {canEdit && current && (
          <PolicyForm
            key={lender.id}
            initial={current.policy}
            onSave={save}
            status={saved && <span role="status">{t('lenders.saved', { version: saved })}</span>}
          />
        )}
        {versions && (
          <>
            <h3>{t('lenders.versions')}</h3>
            <ul className="list">
              {versions.map((v) => (
                <li key={v.version}>
                  <details>
                    <summary>
                      {t('lenders.version')} {v.version} · {formatDateTime(v.createdAt)} {v.current && <span className="badge">✓</span>}
                    </summary>
                    <PolicySummary policy={v.policy} />
                  </details>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
