import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { ProblemAlert } from '../../components/Field';
import { formatDate, formatDateTime } from '../../format';
import { ReliabilityChart } from './ReliabilityChart';
import './models.css';

type Model = components['schemas']['Model'];

/** Numbers in the reader's language; by default AUC, Brier score and log loss with three decimals. */
function useMetricFormat(options: Intl.NumberFormatOptions = { minimumFractionDigits: 3, maximumFractionDigits: 3 }) {
  const { i18n } = useTranslation();
  const nf = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'de-DE', options);
  return (v: number) => nf.format(v);
}

function useModelName() {
  const { t } = useTranslation();
  return (m: Pick<Model, 'kind' | 'version'>) => t('models.name', { kind: t(`models.kind.${m.kind}`), version: m.version });
}

/** "12.03.2026, 14:05 von Admin Demo" ("12.03.2026 von …" when `short`), "… von System", or "nie". */
function useActivation(short = false) {
  const { t } = useTranslation();
  return (m: Model) =>
    m.activatedAt
      ? t('models.by', { when: short ? formatDate(m.activatedAt) : formatDateTime(m.activatedAt), who: m.activatedByName ?? t('models.system') })
      : t('models.never');
}

function StatusBadge({ status }: { status: Model['status'] }) {
  const { t } = useTranslation();
  return <span className={`badge model-${status}`}>{t(`models.status.${status}`)}</span>;
}

/**
 * The model registry (admin): every model with its training window, status and hold-out metrics; the
 * chosen one with its calibration and features; activation and rollback with a confirmation, showing
 * the server's answer.
 */
export function ModelRegistry() {
  const { t } = useTranslation();
  const name = useModelName();
  const activation = useActivation(true);
  const metric = useMetricFormat();
  const [models, setModels] = useState<Model[] | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const { data, error } = await api.GET('/api/v1/admin/models');
    if (error || !data) return setProblem(error as Problem);
    setModels(data.items);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function activate(m: Model) {
    if (!window.confirm(t('models.confirmActivate', { name: name(m) }))) return;
    setBusy(true);
    const { data, error } = await api.POST('/api/v1/admin/models/{id}/activate', { params: { path: { id: m.id } } });
    setBusy(false);
    if (error || !data) {
      setDone(null);
      return setProblem(error as Problem);
    }
    setProblem(null);
    setDone(t('models.activated', { name: name(data) }));
    setSelectedId(data.id);
    await load();
  }

  async function rollback(m: Model) {
    if (!window.confirm(t('models.confirmRollback', { name: name(m) }))) return;
    setBusy(true);
    const { data, error } = await api.POST('/api/v1/admin/models/rollback', { body: { kind: m.kind } });
    setBusy(false);
    if (error || !data) {
      setDone(null);
      return setProblem(error as Problem);
    }
    setProblem(null);
    setDone(t('models.rolledBack', { name: name(data) }));
    setSelectedId(data.id);
    await load();
  }

  const selected = models?.find((m) => m.id === selectedId) ?? models?.find((m) => m.status === 'active') ?? models?.[0] ?? null;
  const kinds = [...new Set(models?.map((m) => m.kind) ?? [])];

  return (
    <div className="stack">
      <section className="card" aria-labelledby="models-title">
        <h1 id="models-title">{t('models.title')}</h1>
        <p>{t('models.intro')}</p>
        <ProblemAlert problem={problem} />
        <p role="status" data-testid="model-action-result">
          {done}
        </p>
        {models === null && !problem && <p>{t('models.loading')}</p>}
        {models?.length === 0 && <p>{t('models.empty')}</p>}
        {models && models.length > 0 && kinds.every((k) => !models.some((m) => m.kind === k && m.status === 'active')) && (
          <p className="muted" data-testid="no-active-model">{t('models.noActive')}</p>
        )}
        {models && models.length > 0 && (
          <div className="table-scroll">
            <table data-testid="models" className="models-table">
              <caption className="sr-only">{t('models.registry')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('models.col.model')}</th>
                  <th scope="col">{t('models.col.window')}</th>
                  <th scope="col">{t('models.col.created')}</th>
                  <th scope="col">{t('models.col.status')}</th>
                  <th scope="col">{t('models.col.activated')}</th>
                  <th scope="col" className="num">{t('models.col.auc')}</th>
                  <th scope="col" className="num">{t('models.col.brier')}</th>
                  <th scope="col" className="num">{t('models.col.baselineAuc')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('models.col.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {models.map((m) => (
                  <tr key={m.id} data-testid="model-row" className={selected?.id === m.id ? 'selected' : undefined}>
                    <th scope="row">{name(m)}</th>
                    <td>{t('models.window', { from: formatDate(m.trainingFrom), to: formatDate(m.trainingTo) })}</td>
                    <td>{formatDate(m.createdAt)}</td>
                    <td data-testid="model-status">
                      <StatusBadge status={m.status} />
                    </td>
                    <td>{activation(m)}</td>
                    <td className="num" data-testid="model-auc">
                      {metric(m.metrics.holdout.auc)}
                    </td>
                    <td className="num">{metric(m.metrics.holdout.brier)}</td>
                    <td className="num">{metric(m.metrics.baseline.auc)}</td>
                    <td>
                      <div className="model-actions">
                        <button type="button" aria-pressed={selected?.id === m.id} aria-label={t('models.detailsFor', { name: name(m) })} onClick={() => setSelectedId(m.id)}>
                          {t('models.details')}
                        </button>
                        {m.status === 'active' ? (
                          <button type="button" disabled={busy} aria-label={t('models.rollbackFor', { name: name(m) })} onClick={() => void rollback(m)}>
                            {t('models.rollback')}
                          </button>
                        ) : (
                          <button type="button" className="primary" disabled={busy} aria-label={t('models.activateFor', { name: name(m) })} onClick={() => void activate(m)}>
                            {t('models.activate')}
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {selected && <ModelDetail model={selected} />}
    </div>
  );
}

/** One model: profile, hold-out metrics against the baseline, calibration and features. */
function ModelDetail({ model: m }: { model: Model }) {
  const { t } = useTranslation();
  const name = useModelName();
  const activation = useActivation();
  const metric = useMetricFormat();
  const { training, holdout, baseline } = m.metrics;
  const seconds = useMetricFormat({ maximumFractionDigits: 1 });
  const count = useMetricFormat({ maximumFractionDigits: 0 });
  const trainer = t(`models.trainer.${m.metrics.model.kind}`, { defaultValue: m.metrics.model.kind });
  return (
    <section className="card" aria-labelledby="model-detail-title" data-testid="model-detail">
      <div className="card-head">
        <h2 id="model-detail-title">{name(m)}</h2>
        <StatusBadge status={m.status} />
      </div>
      <h3>{t('models.detail.facts')}</h3>
      <dl className="facts">
        <dt>{t('models.detail.kind')}</dt>
        <dd>{t(`models.kind.${m.kind}`)}</dd>
        <dt>{t('models.detail.trainer')}</dt>
        <dd>
          {trainer}
          {m.metrics.model.requested === 'auto' && ` (${t('models.detail.auto')})`}
        </dd>
        <dt>{t('models.detail.training')}</dt>
        <dd>
          {t('models.detail.trainingRows', { from: formatDate(training.from), to: formatDate(training.to), rows: count(training.rows), positives: count(training.positives) })}
        </dd>
        <dt>{t('models.detail.holdout')}</dt>
        <dd>
          {t('models.detail.trainingRows', { from: formatDate(holdout.from), to: formatDate(holdout.to), rows: count(holdout.rows), positives: count(holdout.positives) })}
        </dd>
        <dt>{t('models.detail.created')}</dt>
        <dd>{t('models.by', { when: formatDateTime(m.createdAt), who: m.createdByName ?? t('models.system') })}</dd>
        <dt>{t('models.detail.activated')}</dt>
        <dd>{activation(m)}</dd>
        <dt>{t('models.detail.trainTime')}</dt>
        <dd>{t('models.detail.seconds', { value: seconds(m.metrics.trainMillis / 1000) })}</dd>
      </dl>

      <h3>{t('models.detail.metrics')}</h3>
      <div className="table-scroll">
        <table data-testid="model-metrics">
          <caption className="sr-only">{`${t('models.detail.metrics')} – ${name(m)}`}</caption>
          <thead>
            <tr>
              <th scope="col">{t('models.detail.metric')}</th>
              <th scope="col" className="num">{t('models.detail.model')}</th>
              <th scope="col" className="num">{t('models.detail.baseline')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('models.col.auc')}</th>
              <td className="num">{metric(holdout.auc)}</td>
              <td className="num">{metric(baseline.auc)}</td>
            </tr>
            <tr>
              <th scope="row">{t('models.col.brier')}</th>
              <td className="num">{metric(holdout.brier)}</td>
              <td className="num">{metric(baseline.brier)}</td>
            </tr>
            <tr>
              <th scope="row">{t('models.detail.logLoss')}</th>
              <td className="num">{metric(holdout.logLoss)}</td>
              <td className="num">–</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p className="muted">
        <small>
          {t('models.detail.baselineName')}. {t('models.detail.aucHelp')} {t('models.detail.brierHelp')}
        </small>
      </p>

      <ReliabilityChart modelName={name(m)} rows={m.metrics.reliability} />

      <h3>{t('models.detail.features')}</h3>
      <p>{t('models.detail.featuresCount', { columns: m.features.columns.length, encoded: m.features.encoded })}</p>
      <ul className="feature-list" data-testid="model-features">
        {m.features.columns.map((c) => (
          <li key={c}>
            {t(`models.feature.${c}`, { defaultValue: c })} <code>{c}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
