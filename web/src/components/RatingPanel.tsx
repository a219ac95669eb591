import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { formatRate } from '../format';

type Rating = components['schemas']['Rating'];

/** The request's rating: class, probability of default, ratios with traffic lights and the drivers. */
export function RatingPanel({ requestId, version }: { requestId: string; version: string }) {
  const { t, i18n } = useTranslation();
  const [rating, setRating] = useState<Rating | null>(null);
  useEffect(() => {
    void api.GET('/api/v1/financing-requests/{id}/rating', { params: { path: { id: requestId } } }).then(({ data }) => setRating(data ?? null));
  }, [requestId, version]);
  if (!rating) return null;
  return (
    <section className="card" aria-labelledby="rating-title">
      <h2 id="rating-title">{t('rating.title')}</h2>
      <p>
        <strong data-testid="rating-class">{t('rating.class', { class: rating.ratingClass })}</strong> · {t('rating.pd')} {formatRate(rating.probabilityOfDefault)} ·{' '}
        {t('rating.score', { score: rating.score.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 }) })}
        {rating.fiscalYear && <> · {t('rating.fiscalYear', { year: rating.fiscalYear })}</>}
      </p>
      {rating.missing.includes('statements') && <p className="notice">{t('rating.noStatements')}</p>}
      <ul className="list">
        {rating.ratios.map((r) => (
          <li key={r.key}>
            <span className={`light light-${r.judgement}`} aria-hidden="true" /> <span className="sr-only">{t(`rating.judgement.${r.judgement}`)}: </span>
            {r.explanation}
          </li>
        ))}
      </ul>
      {rating.drivers.length > 0 && (
        <>
          <h3>{t('rating.drivers')}</h3>
          <ul>
            {rating.drivers.map((d) => (
              <li key={d.key}>
                {d.direction === 'positive' ? '▲' : '▼'} {d.text}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
