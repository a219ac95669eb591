import { useTranslation } from 'react-i18next';
import type { components } from '../api/schema';
import { formatRate } from '../format';
import './ApprovalEstimate.css';

type Eligible = Extract<components['schemas']['Matches'], { view: 'full' }>['eligible'][number];
export type ApprovalPrediction = NonNullable<Eligible['approval']>;

/** Log-odds contribution → a phrase key: direction and, roughly, strength. */
function effectKey(contribution: number): string {
  const size = Math.abs(contribution);
  const dir = contribution >= 0 ? 'up' : 'down';
  if (size >= 1) return `${dir}Strong`;
  if (size < 0.25) return `${dir}Weak`;
  return dir;
}

/** The model versions behind the approval estimates of a match (usually one; none without an active model). */
export function approvalVersions(eligible: readonly { approval?: ApprovalPrediction | null }[]): number[] {
  return [...new Set(eligible.flatMap((e) => (e.approval ? [e.approval.modelVersion] : [])))].sort((a, b) => a - b);
}

/** The note above the ranking: the probabilities are a model's estimate, never a lender's commitment. */
export function ApprovalNote({ versions }: { versions: number[] }) {
  const { t } = useTranslation();
  if (versions.length === 0) return null;
  return (
    <p className="muted" data-testid="approval-note">
      {t('models.match.note', { version: versions.join(', v') })}
    </p>
  );
}

/**
 * One eligible lender's approval probability (German percent) with, on demand, the largest feature
 * contributions in words. Robust to a missing estimate (no active model, or a borrower's view).
 */
export function ApprovalEstimate({ approval, lenderName }: { approval: ApprovalPrediction | null | undefined; lenderName: string }) {
  const { t, i18n } = useTranslation();
  if (!approval) {
    return (
      <>
        <span aria-hidden="true">{t('models.match.none')}</span>
        <span className="sr-only">{t('models.match.noneLabel')}</span>
      </>
    );
  }
  const en = i18n.language === 'en';
  const signed = (v: number) =>
    new Intl.NumberFormat(en ? 'en-GB' : 'de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'always' }).format(v);
  return (
    <div className="approval-estimate">
      <strong data-testid="approval-probability">{formatRate(approval.probability, 1)}</strong>
      {approval.contributions.length > 0 && (
        <details>
          <summary>
            {t('models.match.why')} <span className="sr-only">{t('models.match.whyFor', { name: lenderName })}</span>
          </summary>
          <p>
            <small>{t('models.match.estimate', { version: approval.modelVersion })}</small>
          </p>
          <ul className="contributions">
            {approval.contributions.map((c) => (
              <li key={c.feature}>
                <small>
                  {en ? c.labelEn : c.label}: {t(`models.match.effect.${effectKey(c.contribution)}`)} ({t('models.match.logOdds', { value: signed(c.contribution) })})
                </small>
              </li>
            ))}
          </ul>
        </details>
      )}
      {approval.contributions.length === 0 && (
        <div>
          <small>{t('models.match.estimate', { version: approval.modelVersion })}</small>
        </div>
      )}
    </div>
  );
}
