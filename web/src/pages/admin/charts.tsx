import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ChartDatum {
  key: string;
  label: string;
  value: number;
  /** The value as shown (formatted amount, count). */
  display: string;
}

/** A table with the chart's figures: the text alternative every chart carries. */
function DataTable({ caption, head, rows }: { caption: string; head: string[]; rows: ReactNode[][] }) {
  const { t } = useTranslation();
  return (
    <details>
      <summary>{t('admin.chart.showTable')}</summary>
      <div className="table-scroll">
        <table>
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              {head.map((h, i) => (
                <th key={h} scope="col" className={i > 0 ? 'num' : undefined}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((cells, r) => (
              <tr key={r}>
                {cells.map((c, i) =>
                  i === 0 ? (
                    <th key={i} scope="row">
                      {c}
                    </th>
                  ) : (
                    <td key={i} className="num">
                      {c}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/**
 * Vertical bars over time (e.g. requests per day). The SVG is one image with a summary as its name; the
 * figures are in the table below it, so nothing depends on seeing the bars.
 */
export function ColumnChart({ title, summary, data, head }: { title: string; summary: string; data: ChartDatum[]; head: [string, string] }) {
  const id = useId();
  const width = 640;
  const height = 180;
  const pad = { top: 16, bottom: 24, left: 8, right: 8 };
  const max = Math.max(1, ...data.map((d) => d.value));
  const slot = (width - pad.left - pad.right) / Math.max(1, data.length);
  const barWidth = Math.max(2, slot * 0.7);
  const labelEvery = Math.ceil(data.length / 10);
  return (
    <figure className="kp-chart" aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`}>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
        <line className="axis" x1={pad.left} x2={width - pad.right} y1={height - pad.bottom} y2={height - pad.bottom} />
        {data.map((d, i) => {
          const h = ((height - pad.top - pad.bottom) * d.value) / max;
          const x = pad.left + i * slot + (slot - barWidth) / 2;
          return (
            <g key={d.key}>
              <rect className="kp-bar" x={x} y={height - pad.bottom - h} width={barWidth} height={h}>
                <title>{`${d.label}: ${d.display}`}</title>
              </rect>
              {d.value > 0 && data.length <= 31 && (
                <text x={x + barWidth / 2} y={height - pad.bottom - h - 3} textAnchor="middle">
                  {d.display}
                </text>
              )}
              {i % labelEvery === 0 && (
                <text x={x + barWidth / 2} y={height - 6} textAnchor="middle">
                  {d.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <DataTable caption={title} head={head} rows={data.map((d) => [d.label, d.display])} />
    </figure>
  );
}

/** Horizontal bars with their labels and values (funnel, volumes). Extra columns go into the table only. */
export function BarChart({
  title,
  summary,
  data,
  head,
  extra,
}: {
  title: string;
  summary: string;
  data: ChartDatum[];
  head: string[];
  extra?: (d: ChartDatum) => ReactNode[];
}) {
  const { t } = useTranslation();
  const id = useId();
  const width = 440;
  const row = 26;
  const labelWidth = 160;
  const valueWidth = 110;
  const height = Math.max(row, data.length * row);
  const max = Math.max(1, ...data.map((d) => d.value));
  return (
    <figure className="kp-chart" aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`}>{title}</figcaption>
      {data.length === 0 ? (
        <p>{t('admin.chart.empty')}</p>
      ) : (
        <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
          {data.map((d, i) => {
            const w = ((width - labelWidth - valueWidth) * d.value) / max;
            const y = i * row;
            return (
              <g key={d.key}>
                <text x={labelWidth - 8} y={y + row / 2 + 4} textAnchor="end">
                  {d.label.length > 24 ? `${d.label.slice(0, 23)}…` : d.label}
                </text>
                <rect className="kp-bar" x={labelWidth} y={y + 5} width={Math.max(d.value > 0 ? 2 : 0, w)} height={row - 10}>
                  <title>{`${d.label}: ${d.display}`}</title>
                </rect>
                <text x={labelWidth + w + 6} y={y + row / 2 + 4}>
                  {d.display}
                </text>
              </g>
            );
          })}
        </svg>
      )}
      {data.length > 0 && <DataTable caption={title} head={head} rows={data.map((d) => [d.label, d.display, ...(extra?.(d) ?? [])])} />}
    </figure>
  );
}
