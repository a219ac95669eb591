import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { ProblemAlert } from '../../components/Field';
import { formatDate, formatEur, formatRate } from '../../format';
import { BarChart, ColumnChart } from './charts';

type Business = components['schemas']['BusinessDashboard'];

/** "1,5 s", "12,0 min", "3,2 h" in the UI language's number format. */
function duration(seconds: number | null, t: TFunction, lang: string): string {
  if (seconds === null) return '–';
  const one = (v: number) => new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
  if (seconds < 120) return t('admin.seconds', { value: one(seconds) });
  if (seconds < 7200) return t('admin.minutes', { value: one(seconds / 60) });
  return t('admin.hours', { value: one(seconds / 3600) });
}

const rate = (r: number | null) => (r === null ? '–' : formatRate(r, 1));

/** Requests per day, funnel, volumes, time to first offer and lender responses, with charts and tables. */
export function BusinessDashboard() {
  const { t, i18n } = useTranslation();
  const [days, setDays] = useState(30);
  const [data, setData] = useState<Business | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    void api.GET('/api/v1/admin/business', { params: { query: { days } } }).then(({ data, error }) => {
      setProblem((error as Problem) ?? null);
      setData(data ?? null);
    });
  }, [days]);
  const count = (n: number) => new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'de-DE').format(n);
  const shortDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.`;

  return (
    <section className="card" aria-labelledby="business-title">
      <div className="card-head">
        <h1 id="business-title">{t('admin.business.title')}</h1>
        <label>
          {t('admin.business.window')}{' '}
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {[7, 14, 30, 90].map((d) => (
              <option key={d} value={d}>
                {t('admin.days', { count: d })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ProblemAlert problem={problem} />
      {data && (
        <>
          <ColumnChart
            title={t('admin.business.perDay')}
            summary={t('admin.business.perDayLabel', {
              from: formatDate(`${data.requestsPerDay[0].date}T12:00:00Z`),
              to: formatDate(`${data.requestsPerDay[data.requestsPerDay.length - 1].date}T12:00:00Z`),
              total: count(data.requestsPerDay.reduce((s, d) => s + d.submitted, 0)),
            })}
            head={[t('admin.business.day'), t('admin.business.submitted')]}
            data={data.requestsPerDay.map((d) => ({ key: d.date, label: shortDate(d.date), value: d.submitted, display: count(d.submitted) }))}
          />
          <div className="chart-grid">
            <BarChart
              title={t('admin.business.funnel')}
              summary={`${t('admin.business.funnelLabel')}: ${data.funnel.map((f) => `${t(`admin.business.stages.${f.stage}`)} ${count(f.count)}`).join(', ')}`}
              head={[t('admin.business.stage'), t('admin.business.requests'), t('admin.business.share')]}
              data={data.funnel.map((f) => ({ key: f.stage, label: t(`admin.business.stages.${f.stage}`), value: f.count, display: count(f.count) }))}
              extra={(d) => [data.funnel[0].count ? formatRate(d.value / data.funnel[0].count, 0) : '–']}
            />
            <div>
              <h2>{t('admin.business.firstOffer')}</h2>
              <dl className="facts">
                <dt>{t('admin.business.median')}</dt>
                <dd className="kpi" data-testid="first-offer-median">
                  {duration(data.timeToFirstOffer.medianSeconds, t, i18n.language)}
                </dd>
                <dt>{t('admin.business.p90')}</dt>
                <dd>{duration(data.timeToFirstOffer.p90Seconds, t, i18n.language)}</dd>
                <dt>{t('admin.business.withOffer')}</dt>
                <dd>{count(data.timeToFirstOffer.count)}</dd>
              </dl>
              <p data-testid="total-volume">{t('admin.business.total', { amount: formatEur(data.totalVolume) })}</p>
            </div>
          </div>
          <div className="chart-grid">
            {(
              [
                ['volumeByProduct', data.volumeByProduct, (k: string) => t(`products.${k}`)],
                ['volumeByState', data.volumeByFederalState, (k: string) => t(`lender.federalStates.${k}`, { defaultValue: k })],
              ] as const
            ).map(([key, rows, label]) => (
              <BarChart
                key={key}
                title={t(`admin.business.${key}`)}
                summary={`${t('admin.business.volumeLabel', { title: t(`admin.business.${key}`) })}: ${rows.map((r) => `${label(r.key)} ${formatEur(r.volume)}`).join(', ')}`}
                head={[t('admin.business.key'), t('admin.business.volume'), t('admin.business.requests'), t('admin.business.signedVolume')]}
                data={rows.map((r) => ({ key: r.key, label: label(r.key), value: Number(r.volume), display: formatEur(r.volume) }))}
                extra={(d) => {
                  const r = rows.find((x) => x.key === d.key)!;
                  return [count(r.requests), formatEur(r.signedVolume)];
                }}
              />
            ))}
          </div>
          <h2>{t('admin.business.responses')}</h2>
          {(
            [
              ['byType', data.responsesByLenderType.map((r) => ({ ...r, id: r.lenderType, label: t(`lenderTypes.${r.lenderType}`) }))],
              ['topLenders', data.topLenders.map((r) => ({ ...r, id: r.lenderId, label: r.name }))],
            ] as const
          ).map(([key, rows]) => (
            <div className="table-scroll" key={key}>
              <table data-testid={`responses-${key}`}>
                <caption>{t(`admin.business.${key}`)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{key === 'byType' ? t('admin.business.lenderType') : t('admin.business.lender')}</th>
                    <th scope="col" className="num">{t('admin.business.dispatched')}</th>
                    <th scope="col" className="num">{t('admin.business.offered')}</th>
                    <th scope="col" className="num">{t('admin.business.declined')}</th>
                    <th scope="col" className="num">{t('admin.business.noAnswer')}</th>
                    <th scope="col" className="num">{t('admin.business.responseRate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.id}>
                      <th scope="row">{r.label}</th>
                      <td className="num">{count(r.dispatched)}</td>
                      <td className="num">{count(r.offered)}</td>
                      <td className="num">{count(r.declined)}</td>
                      <td className="num">{count(r.noAnswer)}</td>
                      <td className="num">{rate(r.responseRate)}</td>
                    </tr>
                  ))}
                  {rows.length === 0 && (
                    <tr>
                      <td colSpan={6}>{t('admin.chart.empty')}</td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
          ))}
        </>
      )}
    </section>
  );
}
