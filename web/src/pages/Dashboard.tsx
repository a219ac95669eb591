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
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
