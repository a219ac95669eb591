import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Problem } from '../api/client';
import type { components } from '../api/schema';
import { formatDateTime } from '../format';
import { ProblemAlert } from './Field';
import { ApprovalEstimate, ApprovalNote, approvalVersions } from './ApprovalEstimate';

export type Matches = components['schemas']['Matches'];

/** Which lenders fit: counts for the borrower; ranking and every lender's reasons for staff. */
export function MatchPanel({ requestId, canRematch, onRematched }: { requestId: string; canRematch: boolean; onRematched?: () => void }) {
  const { t } = useTranslation();
  const [matches, setMatches] = useState<Matches | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const load = useCallback(async () => {
    const { data, error } = await api.GET('/api/v1/financing-requests/{id}/matches', { params: { path: { id: requestId } } });
    if (error) setProblem(error as Problem);
    else setMatches(data);
  }, [requestId]);
  useEffect(() => {
    void load();
  }, [load]);
  async function rematch() {
    const { data, error } = await api.POST('/api/v1/financing-requests/{id}/rematch', { params: { path: { id: requestId } } });
    if (error) return setProblem(error as Problem);
    setMatches(data);
    onRematched?.();
  }
  if (!matches) return problem?.status === 404 ? null : <ProblemAlert problem={problem} />;
  return (
    <section className="card" aria-labelledby="matches-title">
      <div className="card-head">
        <h2 id="matches-title">{t('matches.title')}</h2>
        {canRematch && <button onClick={rematch}>{t('matches.rematch')}</button>}
      </div>
      <MatchesView matches={matches} />
    </section>
  );
}

/** A match result: the count and lender types for a borrower; for staff the ranking and every other lender's reasons. */
export function MatchesView({ matches }: { matches: Matches }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  // Staff see the approval model's estimate when one was made; the column stays away otherwise.
  const withApproval = matches.view === 'full' && matches.eligible.some((e) => e.approval);
  return (
    <>
      <p>
        <strong data-testid="eligible-count">{t('matches.eligibleCount', { count: matches.eligibleCount })}</strong> ·{' '}
        <small>
          {t('matches.asOf')} {formatDateTime(matches.policyVersionAt)}
        </small>
      </p>
      {matches.view === 'borrower' && (
        <ul className="list">
          {matches.lenderTypes.map((lt) => (
            <li key={lt.type}>
              {t(`lenderTypes.${lt.type}`)}: {lt.count}
            </li>
          ))}
        </ul>
      )}
      {matches.view === 'full' && (
        <>
          <ApprovalNote versions={approvalVersions(matches.eligible)} />
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('matches.eligible')}>
          <table>
            <caption className="sr-only">{t('matches.eligible')}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('matches.lender')}</th>
                <th scope="col">{t('matches.type')}</th>
                <th scope="col" className="num">{t('matches.score')}</th>
                {withApproval && <th scope="col">{t('models.match.column')}</th>}
                <th scope="col">{t('matches.parts')}</th>
              </tr>
            </thead>
            <tbody>
              {matches.eligible.map((e) => (
                <tr key={e.lenderId}>
                  <td>{e.rank}</td>
                  <td>
                    {e.name} {e.demo && <span className="badge">{t('lenders.demo')}</span>}
                    {e.notes.map((n) => (
                      <div key={n.criterion}>
                        <small>{en ? n.messageEn : n.message}</small>
                      </div>
                    ))}
                  </td>
                  <td>{t(`lenderTypes.${e.type}`)}</td>
                  <td className="num">{(e.score * 100).toFixed(0)}</td>
                  {withApproval && (
                    <td data-testid="approval">
                      <ApprovalEstimate approval={e.approval} lenderName={e.name} />
                    </td>
                  )}
                  <td>
                    <small>
                      {Object.entries(e.scoreParts)
                        .map(([k, v]) => `${t(`matches.part.${k}`)} ${(v * 100).toFixed(0)}`)
                        .join(' · ')}
                    </small>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
          <details>
            <summary>{t('matches.ineligible', { count: matches.ineligible.length })}</summary>
            <ul className="list">
              {matches.ineligible.map((i) => (
                <li key={i.lenderId}>
                  <strong>{i.name}</strong> {i.demo && <span className="badge">{t('lenders.demo')}</span>}
                  <ul>
                    {i.reasons.map((r) => (
                      <li key={r.criterion}>{en ? r.messageEn : r.message}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </details>
        </>
      )}
    </>
  );
}
