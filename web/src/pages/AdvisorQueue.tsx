import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { formatDateTime, formatEur } from '../format';

type RequestSummary = components['schemas']['FinancingRequestSummary'];
const FILTERS = ['submitted', 'in_review', 'matched', 'offered', 'draft', ''] as const;

export function AdvisorQueue() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'submitted';
  const [items, setItems] = useState<RequestSummary[] | null>(null);
  useEffect(() => {
    setItems(null);
    void api
      .GET('/api/v1/financing-requests', { params: { query: status ? { status } : {} } })
      .then(({ data }) => setItems(data?.items ?? []));
  }, [status]);
  return (
    <section className="card">
      <div className="card-head">
        <h1>{t('queue.title')}</h1>
        <label>
          {t('queue.filter')}{' '}
          <select value={status} onChange={(e) => setParams({ status: e.target.value })}>
            {FILTERS.map((s) => (
              <option key={s} value={s}>
                {s ? t(`status.${s}`) : t('queue.all')}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!items && <p>{t('common.loading')}</p>}
      {items?.length === 0 && <p>{t('common.none')}</p>}
      {items && items.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('queue.company')}</th>
              <th scope="col">{t('queue.product')}</th>
              <th scope="col" className="num">
                {t('queue.amount')}
              </th>
              <th scope="col">{t('queue.submittedAt')}</th>
              <th scope="col">{t('request.status')}</th>
              <th scope="col">
                <span className="sr-only">{t('queue.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <td>{r.companyName}</td>
                <td>{t(`products.${r.product}`)}</td>
                <td className="num">{formatEur(r.amount)}</td>
                <td>{r.submittedAt ? formatDateTime(r.submittedAt) : '–'}</td>
                <td>
                  <span className={`badge status-${r.status}`}>{t(`status.${r.status}`)}</span>
                </td>
                <td>
                  <Link to={`/requests/${r.id}`}>{t('queue.open')}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
