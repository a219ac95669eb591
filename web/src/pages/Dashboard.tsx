import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { formatDate, formatEur } from '../format';

type Company = components['schemas']['Company'];
type RequestSummary = components['schemas']['FinancingRequestSummary'];

export function Dashboard() {
  const { t } = useTranslation();
  const [companies, setCompanies] = useState<Company[] | null>(null);
  const [requests, setRequests] = useState<RequestSummary[] | null>(null);
  useEffect(() => {
    void api.GET('/api/v1/companies').then(({ data }) => setCompanies(data?.items ?? []));
    void api.GET('/api/v1/financing-requests', { params: { query: {} } }).then(({ data }) => setRequests(data?.items ?? []));
  }, []);
  if (!companies || !requests) return <p>{t('common.loading')}</p>;
  return (
    <div className="stack">
      <h1>{t('dashboard.title')}</h1>
      <section className="card">
        <div className="card-head">
          <h2>{t('dashboard.companies')}</h2>
          <Link className="button" to="/companies/new">
            {t('dashboard.newCompany')}
          </Link>
        </div>
        {companies.length === 0 && <p>{t('dashboard.noCompanies')}</p>}
        <ul className="list">
          {companies.map((c) => (
            <li key={c.id}>
              <strong>{c.name}</strong> · {c.postalCode} {c.city} · {c.industryLabel}{' '}
              <Link to={`/companies/${c.id}/consents`}>{t('dashboard.consents')}</Link> ·{' '}
              <Link to={`/companies/${c.id}/financials`}>{t('dashboard.financials')}</Link>
            </li>
          ))}
        </ul>
      </section>
      <section className="card">
        <div className="card-head">
          <h2>{t('dashboard.requests')}</h2>
          {/* The wizard starts with the company, so a new borrower can begin here too. */}
          <Link className="button primary" to="/requests/new">
            {t('dashboard.newRequest')}
          </Link>
        </div>
        {requests.length === 0 && <p>{t('dashboard.noRequests')}</p>}
        <ul className="list">
          {requests.map((r) => (
            <li key={r.id}>
              <Link to={r.status === 'draft' ? `/requests/${r.id}/edit` : `/requests/${r.id}`}>
                {t(`products.${r.product}`)} · {formatEur(r.amount)} · {r.companyName}
              </Link>{' '}
              <span className={`badge status-${r.status}`}>{t(`status.${r.status}`)}</span>{' '}
              {r.status === 'draft' && (
                <Link className="button" to={`/requests/${r.id}/edit`}>
                  {t('wizard.continue')}
                </Link>
              )}{' '}
              <small>{formatDate(r.createdAt)}</small>
              <WhatIsMissing request={r} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

const OPEN_STATUSES = new Set(['draft', 'submitted', 'matched', 'offered']);

/**
 * What a request still needs from the borrower: documents from the product's checklist and, for a draft,
 * the consents submitting requires. Only for requests still in progress.
 */
function WhatIsMissing({ request }: { request: RequestSummary }) {
  const { t } = useTranslation();
  const [missing, setMissing] = useState<string[] | null>(null);
  const [consentsMissing, setConsentsMissing] = useState(false);
  const open = OPEN_STATUSES.has(request.status);
  useEffect(() => {
    if (!open) return;
    void api.GET('/api/v1/financing-requests/{id}/documents', { params: { path: { id: request.id } } }).then(({ data }) => {
      if (data) setMissing(data.missing.filter((m) => m.required).map((m) => t(`documents.kinds.${m.kind}`) + (m.fiscalYear ? ` ${m.fiscalYear}` : '')));
    });
    if (request.status === 'draft') {
      void api.GET('/api/v1/companies/{id}/consents', { params: { path: { id: request.companyId } } }).then(({ data }) => {
        if (data) setConsentsMissing(!data.dataProcessing || !data.lenderSharing);
      });
    }
  }, [open, request.id, request.companyId, request.status, t]);
  if (!open || (!consentsMissing && (!missing || missing.length === 0))) return null;
  const items = [...(missing ?? []), ...(consentsMissing ? [t('dashboard.missingConsents')] : [])];
  return (
    <p className="missing" data-testid="what-is-missing">
      <small>
        <strong>{t('dashboard.missing')}</strong> {items.join(' · ')}
      </small>
    </p>
  );
}
