import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';
import { formatRate } from '../../format';

type ReliabilityRow = components['schemas']['ModelMetrics']['reliability'][number];

/** Mean distance between estimate and observation over all cases, in percentage points (weighted by cases). */
export function calibrationGap(rows: readonly ReliabilityRow[]): number {
  const total = rows.reduce((s, r) => s + r.count, 0);
  if (total === 0) return 0;
  return (100 * rows.reduce((s, r) => s + r.count * Math.abs(r.observedRate - r.meanPredicted), 0)) / total;
}

/**
 * The reliability diagram of a model: per group of cases (by estimated probability) the mean estimate
 * against the observed offer rate, with the diagonal of perfect calibration. The SVG is one image whose
 * name summarises it; the figures are in the table beside it, so nothing depends on seeing the points.
 */
export function ReliabilityChart({ modelName, rows }: { modelName: string; rows: readonly ReliabilityRow[] }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const title = t('models.detail.reliability');
  if (rows.length === 0) {
    return (
      <figure className="kp-chart" aria-labelledby={`${id}-cap`}>
        <figcaption id={`${id}-cap`}>{title}</figcaption>
        <p>{t('models.detail.empty')}</p>
      </figure>
    );
  }
  const gap = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'de-DE', { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(calibrationGap(rows));
  const size = 300;
  const pad = { top: 12, right: 24, bottom: 44, left: 62 };
  const inner = size - pad.left - pad.right;
  const height = pad.top + inner + pad.bottom;
  const x = (p: number) => pad.left + p * inner;
  const y = (p: number) => pad.top + (1 - p) * inner;
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const maxCount = Math.max(1, ...rows.map((r) => r.count));
  const points = rows.map((r) => `${x(r.meanPredicted).toFixed(1)},${y(r.observedRate).toFixed(1)}`).join(' ');
  return (
    <figure className="kp-chart reliability" aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`}>{title}</figcaption>
      <div className="reliability-body">
        <svg viewBox={`0 0 ${size} ${height}`} role="img" aria-label={t('models.detail.reliabilityLabel', { name: modelName, bins: rows.length, gap })}>
          {ticks.map((v) => (
            <g key={v}>
              <line className="grid" x1={x(0)} x2={x(1)} y1={y(v)} y2={y(v)} />
              <line className="grid" x1={x(v)} x2={x(v)} y1={y(0)} y2={y(1)} />
              <text x={pad.left - 6} y={y(v) + 4} textAnchor="end">
                {formatRate(v, 0)}
              </text>
              <text x={x(v)} y={y(0) + 16} textAnchor="middle">
                {formatRate(v, 0)}
              </text>
            </g>
          ))}
          <line className="axis" x1={x(0)} x2={x(1)} y1={y(0)} y2={y(0)} />
          <line className="axis" x1={x(0)} x2={x(0)} y1={y(0)} y2={y(1)} />
          <line className="ideal" x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)}>
            <title>{t('models.detail.ideal')}</title>
          </line>
          <polyline className="observed" points={points} />
          {rows.map((r) => (
            <circle key={r.bin} className="kp-point" cx={x(r.meanPredicted)} cy={y(r.observedRate)} r={3 + 4 * Math.sqrt(r.count / maxCount)}>
              <title>{`${t('models.detail.bin')} ${r.bin}: ${t('models.detail.predicted')} ${formatRate(r.meanPredicted, 1)}, ${t('models.detail.observed')} ${formatRate(r.observedRate, 1)}, ${t('models.detail.count')} ${r.count}`}</title>
            </circle>
          ))}
          <text x={x(0.5)} y={y(0) + 32} textAnchor="middle">
            {t('models.detail.axisPredicted')}
          </text>
          <text x={14} y={y(0.5)} textAnchor="middle" transform={`rotate(-90 14 ${y(0.5)})`}>
            {t('models.detail.axisObserved')}
          </text>
        </svg>
        <div className="table-scroll">
          <table data-testid="reliability-table">
            <caption className="sr-only">{`${title} – ${modelName}`}</caption>
            <thead>
              <tr>
                <th scope="col">{t('models.detail.bin')}</th>
                <th scope="col" className="num">{t('models.detail.count')}</th>
                <th scope="col" className="num">{t('models.detail.range')}</th>
                <th scope="col" className="num">{t('models.detail.predicted')}</th>
                <th scope="col" className="num">{t('models.detail.observed')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.bin}>
                  <th scope="row">{r.bin}</th>
                  <td className="num">{r.count.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'de-DE')}</td>
                  <td className="num">
                    {formatRate(r.minPredicted, 1)} – {formatRate(r.maxPredicted, 1)}
                  </td>
                  <td className="num">{formatRate(r.meanPredicted, 1)}</td>
                  <td className="num">{formatRate(r.observedRate, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </figure>
  );
}
