import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, type Problem } from '../../api/client';
import { ProblemAlert } from '../../components/Field';
import { formatDateTime, formatEur } from '../../format';
import { DISPATCH_STATUSES, dispatchBadge, type DispatchStatus, type LenderRequestSummary } from './lender-utils';
import { OwnLenderLine } from './parts';

/** The requests the platform has sent to this lender, newest first, filterable by the lender's answer. */
export function LenderInbox() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status') ?? '';
  const status = (DISPATCH_STATUSES as readonly string[]).includes(raw) ? (raw as DispatchStatus) : undefined;
  const [items, setItems] = useState<LenderRequestSummary[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    setItems(null);
    void api.GET('/api/v1/lender/requests', { params: { query: status ? { status } : {} } }).then(({ data, error }) => {
      if (error) return setProblem(error as Problem);
      setProblem(null);
      setItems(data.items);
    });
  }, [status]);

  return (
    <section className="card" aria-labelledby="inbox-title">
      <div className="card-head">
        <h1 id="inbox-title">{t('lender.inbox.title')}</h1>
        <label>
          {t('lender.inbox.filter')}{' '}
          <select value={status ?? ''} onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {})}>
            <option value="">{t('lender.inbox.all')}</option>
            {DISPATCH_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`lender.dispatchStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <OwnLenderLine />
      <ProblemAlert problem={problem} />
      {!items && !problem && <p>{t('common.loading')}</p>}
      {items?.length === 0 && (
        <p className="notice" data-testid="inbox-empty">
          {status ? t('lender.inbox.emptyFiltered', { status: t(`lender.dispatchStatus.${status}`) }) : t('lender.inbox.empty')}
        </p>
      )}
      {items && items.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
          <table data-testid="inbox-table" aria-labelledby="inbox-title">
            <thead>
              <tr>
                <th scope="col">{t('lender.inbox.company')}</th>
                <th scope="col">{t('lender.inbox.product')}</th>
                <th scope="col" className="num">
                  {t('lender.inbox.amount')}
                </th>
                <th scope="col" className="num">
                  {t('lender.inbox.term')}
                </th>
                <th scope="col">{t('lender.inbox.region')}</th>
                <th scope="col">{t('lender.inbox.dispatchedAt')}</th>
                <th scope="col">{t('lender.inbox.status')}</th>
                <th scope="col">{t('lender.inbox.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.requestId}>
                  <th scope="row">{r.companyName}</th>
                  <td>{t(`products.${r.product}`)}</td>
                  <td className="num">{formatEur(r.amount)}</td>
                  <td className="num">{t('request.months', { count: r.termMonths })}</td>
                  <td>{t(`lender.federalStates.${r.federalState}`, { defaultValue: r.federalState })}</td>
                  <td>{formatDateTime(r.dispatchedAt)}</td>
                  <td>
                    <span className={dispatchBadge(r.dispatchStatus)}>{t(`lender.dispatchStatus.${r.dispatchStatus}`)}</span>
                  </td>
                  <td>
                    <Link to={`/lender/requests/${r.requestId}`} aria-label={t('lender.inbox.openLabel', { company: r.companyName })}>
                      {t('lender.inbox.open')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
