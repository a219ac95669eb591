import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Problem } from '../api/client';
import type { components } from '../api/schema';
import { formatDate, formatEur, formatRate } from '../format';
import { ProblemAlert } from './Field';
import { ScheduleTable } from './ScheduleTable';

type Offer = components['schemas']['Offer'];
type SortKey = 'effectiveAnnualRate' | 'instalment' | 'totalCost' | 'lender';
type Schedule = { rows: { number: number; dueDate: string; interest: string; principal: string; fees: string; payment: string; balance: string }[] };

/** Bars comparing one figure across offers; the best (lowest) is highlighted. */
function CompareBars({ offers, value, label, format }: { offers: Offer[]; value: (o: Offer) => number; label: string; format: (n: number) => string }) {
  const max = Math.max(...offers.map(value), 0) || 1;
  const min = Math.min(...offers.map(value));
  return (
    <figure className="bars">
      <figcaption>{label}</figcaption>
      {offers.map((o) => (
        <div className="bar-row" key={o.id}>
          <span className="bar-label">{o.lender.name}</span>
          <span className="bar-track" aria-hidden="true">
            <span className={`bar${value(o) === min ? ' best' : ''}`} style={{ width: `${(100 * value(o)) / max}%` }} />
          </span>
          <span className="bar-value">{format(value(o))}</span>
        </div>
      ))}
    </figure>
  );
}

export function OffersComparison({ offers, canAccept, onAccepted }: { offers: Offer[]; canAccept: boolean; onAccepted: () => void }) {
  const { t } = useTranslation();
  const [sort, setSort] = useState<SortKey>('effectiveAnnualRate');
  const [schedules, setSchedules] = useState<Record<string, Schedule | undefined>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const sorted = useMemo(() => {
    const copy = [...offers];
    copy.sort((a, b) => (sort === 'lender' ? a.lender.name.localeCompare(b.lender.name, 'de') : Number(a[sort]) - Number(b[sort])));
    return copy;
  }, [offers, sort]);

  async function toggleSchedule(id: string) {
    if (schedules[id]) return setSchedules({ ...schedules, [id]: undefined });
    const { data } = await api.GET('/api/v1/offers/{id}/schedule', { params: { path: { id } } });
    if (data) setSchedules({ ...schedules, [id]: data });
  }
  async function accept(o: Offer) {
    if (!window.confirm(t('offers.acceptConfirm', { lender: o.lender.name }))) return;
    const { error } = await api.POST('/api/v1/offers/{id}/accept', { params: { path: { id: o.id } } });
    if (error) return setProblem(error as Problem);
    onAccepted();
  }

  const live = offers.filter((o) => o.status === 'open' && !o.expired);
  return (
    <section className="card" id="offers" aria-labelledby="offers-title">
      <div className="card-head">
        <h2 id="offers-title">{t('offers.title', { count: offers.length })}</h2>
        <label>
          {t('offers.sortBy')}{' '}
          <select value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
            <option value="effectiveAnnualRate">{t('offers.effectiveRate')}</option>
            <option value="instalment">{t('offers.instalment')}</option>
            <option value="totalCost">{t('offers.totalCost')}</option>
            <option value="lender">{t('offers.lender')}</option>
          </select>
        </label>
      </div>
      <p className="muted">{t('offers.honesty')}</p>
      {offers.length > 0 && (
        <p>
          <a className="button" href={`/api/v1/financing-requests/${offers[0].requestId}/offers/comparison.pdf`} download>
            {t('offers.pdf')}
          </a>
        </p>
      )}
      <ProblemAlert problem={problem} />
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
        <table data-testid="offers-table" className="offers-table">
          <thead>
            <tr>
              <th scope="col">{t('offers.lender')}</th>
              <th scope="col" className="num">{t('offers.effectiveRate')}</th>
              <th scope="col" className="num">{t('offers.nominalRate')}</th>
              <th scope="col" className="num">{t('offers.instalment')}</th>
              <th scope="col" className="num">{t('offers.totalCost')}</th>
              <th scope="col" className="num">{t('offers.amount')}</th>
              <th scope="col">{t('offers.validUntil')}</th>
              <th scope="col" className="num">{t('offers.commission')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((o) => (
              <tr key={o.id} className={o.status === 'accepted' ? 'chosen' : o.status !== 'open' || o.expired ? 'inactive' : ''}>
                <td>
                  <strong>{o.lender.name}</strong> {o.lender.demo && <span className="badge">{t('lenders.demo')}</span>}
                  <br />
                  <small>
                    {t(`calculator.${o.amortization}`)}
                    {o.graceMonths > 0 && ` · ${t('offers.grace', { count: o.graceMonths })}`} · {t('request.months', { count: o.termMonths })}
                  </small>
                  {o.collateral && (
                    <>
                      <br />
                      <small>{o.collateral}</small>
                    </>
                  )}
                  {/* The actions sit with the lender's name, so they stay in view however wide the figures get. */}
                  <div className="offer-actions">
                    <button onClick={() => toggleSchedule(o.id)} aria-expanded={!!schedules[o.id]}>
                      {t('offers.schedule')}
                    </button>
                    {canAccept && o.status === 'open' && !o.expired && (
                      <button className="primary" onClick={() => accept(o)}>
                        {t('offers.accept')}
                      </button>
                    )}
                  </div>
                </td>
                <td className="num">
                  <strong>{formatRate(o.effectiveAnnualRate)}</strong>
                </td>
                <td className="num">{formatRate(o.nominalRate)}</td>
                <td className="num">{formatEur(o.instalment)}</td>
                <td className="num">{formatEur(o.totalCost)}</td>
                <td className="num">{formatEur(o.amount)}</td>
                <td>
                  {formatDate(o.validUntil)}
                  {o.expired && <span className="badge status-expired"> {t('offers.expired')}</span>}
                  {o.status !== 'open' && <span className={`badge offer-${o.status}`}> {t(`offers.status.${o.status}`)}</span>}
                </td>
                <td className="num">{formatEur(o.commission)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sorted.map(
        (o) =>
          schedules[o.id] && (
            <details key={o.id} open>
              <summary>
                {t('offers.scheduleOf', { lender: o.lender.name })}
              </summary>
              <ScheduleTable rows={schedules[o.id]!.rows} />
            </details>
          ),
      )}
      {live.length > 1 && (
        <div className="compare-grid">
          <CompareBars offers={live} value={(o) => Number(o.effectiveAnnualRate)} label={t('offers.effectiveRate')} format={(n) => formatRate(n)} />
          <CompareBars offers={live} value={(o) => Number(o.instalment)} label={t('offers.instalment')} format={(n) => formatEur(n)} />
          <CompareBars offers={live} value={(o) => Number(o.totalCost)} label={t('offers.totalCost')} format={(n) => formatEur(n)} />
        </div>
      )}
    </section>
  );
}
