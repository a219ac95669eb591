import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api } from '../api/client';
import type { components } from '../api/schema';

type ServiceLevels = components['schemas']['ServiceLevels'];

/** "1,6 s", "12,5 min", "3,0 h": one decimal in the language's own number format. */
function duration(seconds: number | null, t: TFunction, language: string): string {
  if (seconds === null) return '–';
  const one = (n: number) => n.toLocaleString(language === 'en' ? 'en-GB' : 'de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (seconds < 120) return t('admin.seconds', { value: one(seconds) });
  if (seconds < 7200) return t('admin.minutes', { value: one(seconds / 60) });
  return t('admin.hours', { value: one(seconds / 3600) });
}

/** The service levels the business lives by: time to first offer, to signature-ready, to signed. */
export function AdminDashboard() {
  const { t, i18n } = useTranslation();
  const [days, setDays] = useState(30);
  const [sla, setSla] = useState<ServiceLevels | null>(null);
  useEffect(() => {
    void api.GET('/api/v1/admin/service-levels', { params: { query: { days } } }).then(({ data }) => setSla(data ?? null));
  }, [days]);
  const rows: [string, ServiceLevels['timeToFirstOffer'], string][] = sla
    ? [
        [t('admin.firstOffer'), sla.timeToFirstOffer, t('admin.targetFirstOffer')],
        [t('admin.signatureReady'), sla.timeToSignatureReady, t('admin.targetSignatureReady')],
        [t('admin.signed'), sla.timeToSigned, '–'],
      ]
    : [];
  return (
    <section className="card">
      <div className="card-head">
        <h1>{t('admin.title')}</h1>
        <label>
          {t('admin.window')}{' '}
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {[1, 7, 30, 90].map((d) => (
              <option key={d} value={d}>
                {t('admin.days', { count: d })}
              </option>
            ))}
          </select>
        </label>
      </div>
      {sla && (
        <>
          <p>
            <strong data-testid="sla-submitted">{t('admin.submitted', { count: sla.submitted })}</strong>
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.measure')}</th>
                <th scope="col" className="num">{t('admin.count')}</th>
                <th scope="col" className="num">p50</th>
                <th scope="col" className="num">p95</th>
                <th scope="col">{t('admin.target')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([label, s, target]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td className="num">{s.count}</td>
                  <td className="num">{duration(s.p50Seconds, t, i18n.language)}</td>
                  <td className="num">{duration(s.p95Seconds, t, i18n.language)}</td>
                  <td>{target}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
