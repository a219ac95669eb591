import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, type Problem } from '../api/client';
import type { components } from '../api/schema';
import { ProblemAlert } from '../components/Field';
import { MatchPanel } from '../components/MatchPanel';
import { useAuth } from '../auth';
import { formatDateTime, formatEur } from '../format';

type FinancingRequest = components['schemas']['FinancingRequest'];

export function RequestDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { me } = useAuth();
  const [request, setRequest] = useState<FinancingRequest | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const load = useCallback(async () => {
    const { data, error } = await api.GET('/api/v1/financing-requests/{id}', { params: { path: { id } } });
    if (error) setProblem(error as Problem);
    else setRequest(data);
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!request) return problem ? <ProblemAlert problem={problem} /> : <p>{t('common.loading')}</p>;

  async function submit() {
    const { data, error } = await api.POST('/api/v1/financing-requests/{id}/submit', { params: { path: { id } } });
    if (error) return setProblem(error as Problem);
    setProblem(null);
    setRequest(data);
  }
  async function withdraw() {
    if (!window.confirm(t('request.withdrawConfirm'))) return;
    const { data, error } = await api.POST('/api/v1/financing-requests/{id}/withdraw', { params: { path: { id } }, body: {} });
    if (error) return setProblem(error as Problem);
    setProblem(null);
    setRequest(data);
  }

  return (
    <div className="stack">
      <section className="card">
        <h1>
          {t('request.title')}: {t(`products.${request.product}`)}
        </h1>
        <p>
          <span className={`badge status-${request.status}`} data-testid="request-status">
            {t(`status.${request.status}`)}
          </span>
        </p>
        <dl className="facts">
          <dt>{t('request.company')}</dt>
          <dd>{request.companyName}</dd>
          <dt>{t('request.amount')}</dt>
          <dd>{formatEur(request.amount)}</dd>
          <dt>{t('request.termMonths')}</dt>
          <dd>{t('request.months', { count: request.termMonths })}</dd>
          <dt>{t('request.purpose')}</dt>
          <dd>{request.purpose}</dd>
          {request.submittedAt && (
            <>
              <dt>{t('request.submittedAt')}</dt>
              <dd>{formatDateTime(request.submittedAt)}</dd>
            </>
          )}
        </dl>
        <ProblemAlert problem={problem} />
        {problem?.type === '/problems/consent-missing' && (
          <p>
            {t('request.consentMissing')} <Link to={`/companies/${request.companyId}/consents`}>{t('request.toConsents')}</Link>
          </p>
        )}
        <div className="actions">
          {request.actions.includes('submitted') && (
            <button className="primary" onClick={submit}>
              {t('request.submit')}
            </button>
          )}
          {request.actions.includes('withdrawn') && <button onClick={withdraw}>{t('request.withdraw')}</button>}
        </div>
      </section>
      {request.status !== 'draft' && (
        <MatchPanel
          key={request.status}
          requestId={request.id}
          canRematch={(me?.role === 'advisor' || me?.role === 'admin') && ['submitted', 'in_review', 'matched'].includes(request.status)}
          onRematched={load}
        />
      )}
      <section className="card">
        <h2>{t('request.history')}</h2>
        <ol className="timeline">
          {request.history.map((h, i) => (
            <li key={i}>
              <time dateTime={h.at}>{formatDateTime(h.at)}</time> · <strong>{t(`status.${h.to}`)}</strong>
              {h.actor.name && (
                <>
                  {' '}
                  · {t('request.by')} {h.actor.name}
                </>
              )}
              {h.reason && <> · {h.reason}</>}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
