import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, type Problem } from '../api/client';
import type { components } from '../api/schema';
import { useAuth } from '../auth';
import { ContractPanel } from '../components/ContractPanel';
import { DocumentsPanel } from '../components/DocumentsPanel';
import { ProblemAlert } from '../components/Field';
import { MatchPanel } from '../components/MatchPanel';
import { Messages } from '../components/Messages';
import { OffersComparison } from '../components/OffersComparison';
import { RatingPanel } from '../components/RatingPanel';
import { formatDateTime, formatEur } from '../format';

type FinancingRequest = components['schemas']['FinancingRequest'];
type Offer = components['schemas']['Offer'];
type Dispatch = components['schemas']['Dispatch'];

export function RequestDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { me } = useAuth();
  const [request, setRequest] = useState<FinancingRequest | null>(null);
  const [offers, setOffers] = useState<Offer[]>([]);
  const [dispatches, setDispatches] = useState<Dispatch[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [live, setLive] = useState(false);
  const [documentsVersion, setDocumentsVersion] = useState(0);

  const load = useCallback(async () => {
    const path = { params: { path: { id } } };
    const [r, o, d] = await Promise.all([
      api.GET('/api/v1/financing-requests/{id}', path),
      api.GET('/api/v1/financing-requests/{id}/offers', path),
      api.GET('/api/v1/financing-requests/{id}/dispatches', path),
    ]);
    if (r.error) return setProblem(r.error as Problem);
    setRequest(r.data);
    setOffers(o.data?.items ?? []);
    setDispatches(d.data?.items ?? []);
  }, [id]);

  // Live progress: the server pushes every step (dispatch, offer, status change); we reload on each.
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    void load();
    const source = new EventSource(`/api/v1/financing-requests/${id}/events`);
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    const refresh = () => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void load(), 150);
    };
    for (const type of ['status_changed', 'dispatched', 'offer_received', 'declined', 'contract_ready', 'contract_signed']) {
      source.addEventListener(type, refresh);
    }
    // Documents uploaded or deleted in another window (the borrower's, or an advisor's) show up here too.
    const documentsChanged = () => setDocumentsVersion((v) => v + 1);
    source.addEventListener('document_uploaded', documentsChanged);
    source.addEventListener('document_deleted', documentsChanged);
    return () => {
      source.close();
      clearTimeout(timer.current);
    };
  }, [id, load]);

  if (!request) return problem ? <ProblemAlert problem={problem} /> : <p>{t('common.loading')}</p>;
  const isOwner = me?.role === 'borrower';

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

  const answered = dispatches.filter((d) => d.status !== 'sent').length;
  const waiting = (request.status === 'matched' || request.status === 'offered') && dispatches.length > 0 && answered < dispatches.length;
  return (
    <div className="stack">
      <section className="card">
        <h1>
          {t('request.title')}: {t(`products.${request.product}`)}
        </h1>
        <p>
          <span className={`badge status-${request.status}`} data-testid="request-status">
            {t(`status.${request.status}`)}
          </span>{' '}
          {live && <small className="muted">● {t('request.live')}</small>}
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
          {request.status === 'draft' && (
            <Link className="button" to={`/requests/${request.id}/edit`}>
              {t('request.edit')}
            </Link>
          )}{' '}
          {request.actions.includes('submitted') && (
            <button className="primary" onClick={submit}>
              {t('request.submit')}
            </button>
          )}
          {request.actions.includes('withdrawn') && <button onClick={withdraw}>{t('request.withdraw')}</button>}
        </div>
      </section>

      {waiting && (
        <section className="card" aria-live="polite">
          <p>
            <strong>{t('request.waiting', { answered, total: dispatches.length })}</strong>
          </p>
          <progress max={dispatches.length} value={answered} aria-label={t('request.waitingLabel')} />
        </section>
      )}

      {request.contractId && <ContractPanel key={`contract-${request.status}`} contractId={request.contractId} isBorrower={isOwner} onSigned={load} />}

      {offers.length > 0 && <OffersComparison offers={offers} canAccept={isOwner && request.status === 'offered'} onAccepted={load} />}

      {dispatches.length > 0 && (
        <section className="card" aria-labelledby="dispatch-title">
          <h2 id="dispatch-title">{t('request.dispatchedTo', { count: dispatches.length })}</h2>
          <ul className="list">
            {dispatches.map((d) => (
              <li key={d.id}>
                {d.lenderName} {d.demo && <span className="badge">{t('lenders.demo')}</span>} ·{' '}
                <span className={`badge dispatch-${d.status}`}>{t(`request.dispatchStatus.${d.status}`)}</span>
                {d.declineReason && <small> · {d.declineReason}</small>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <DocumentsPanel
        requestId={request.id}
        companyId={request.companyId}
        readOnly={['withdrawn', 'rejected', 'expired', 'closed'].includes(request.status)}
        version={documentsVersion}
      />

      {request.status !== 'draft' && <RatingPanel requestId={request.id} version={request.updatedAt} />}

      {request.status !== 'draft' && (
        <MatchPanel
          key={`match-${request.status}`}
          requestId={request.id}
          canRematch={(me?.role === 'advisor' || me?.role === 'admin') && ['submitted', 'in_review', 'matched'].includes(request.status)}
          onRematched={load}
        />
      )}

      {isOwner && <Messages requestId={request.id} viewer="borrower" />}

      <section className="card">
        <h2>{t('request.history')}</h2>
        <ol className="timeline" data-testid="timeline">
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
