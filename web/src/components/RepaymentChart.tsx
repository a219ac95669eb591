import { useTranslation } from 'react-i18next';
import { formatEur } from '../format';

interface Row {
  dueDate: string;
  interest: string;
  principal: string;
}

/**
 * Interest and principal per year (per month for terms up to three years) as stacked bars (SVG, no
 * chart library): how the share of interest falls as the loan is repaid. Sums are kept in cents.
 */
export function RepaymentChart({ rows }: { rows: Row[] }) {
  const { t } = useTranslation();
  const years = new Map<string, { interest: number; principal: number }>();
  const monthly = rows.length <= 36;
  for (const r of rows) {
    const y = monthly ? `${r.dueDate.slice(5, 7)}/${r.dueDate.slice(2, 4)}` : r.dueDate.slice(0, 4);
    const acc = years.get(y) ?? { interest: 0, principal: 0 };
    acc.interest += Math.round(Number(r.interest) * 100);
    acc.principal += Math.round(Number(r.principal) * 100);
    years.set(y, acc);
  }
  const data = [...years].map(([year, v]) => ({ year, ...v }));
  const max = Math.max(1, ...data.map((d) => d.interest + d.principal));
  const width = 720;
  const height = 220;
  const pad = { left: 8, right: 8, top: 10, bottom: 24 };
  const band = (width - pad.left - pad.right) / Math.max(1, data.length);
  const scale = (v: number) => ((height - pad.top - pad.bottom) * v) / max;
  const labelEvery = Math.ceil(data.length / 12);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t('calculator.chartLabel')}>
        {data.map((d, i) => {
          const x = pad.left + i * band + band * 0.15;
          const w = band * 0.7;
          const hp = scale(d.principal);
          const hi = scale(d.interest);
          const base = height - pad.bottom;
          return (
            <g key={d.year}>
              <title>{`${d.year}: ${t('calculator.principal')} ${formatEur(d.principal / 100)}, ${t('calculator.interest')} ${formatEur(d.interest / 100)}`}</title>
              <rect x={x} y={base - hp} width={w} height={hp} fill="#0b5cad" />
              <rect x={x} y={base - hp - hi} width={w} height={hi} fill="#e39b2d" />
              {i % labelEvery === 0 && (
                <text x={x + w / 2} y={height - 8} fontSize="11" textAnchor="middle" fill="#5b6776">
                  {d.year}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span className="swatch" style={{ background: '#0b5cad' }} /> {t('calculator.principal')}{' '}
        <span className="swatch" style={{ background: '#e39b2d' }} /> {t('calculator.interest')}
      </figcaption>
    </figure>
  );
}
