import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, type Problem } from '../../api/client';
import { ProblemAlert } from '../../components/Field';
import { formatDateTime } from '../../format';
import { contractBadge, signaturesOf, type Contract } from './lender-utils';
import { OwnLenderLine } from './parts';

/** The lender's contracts: status, both signatures, the PDF, and the countersignature once the borrower signed. */
export function LenderContracts() {
  const { t } = useTranslation();
  const [items, setItems] = useState<Contract[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [signed, setSigned] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const load = useCallback(async () => {
    const { data, error } = await api.GET('/api/v1/lender/contracts');
    if (error) return setProblem(error as Problem);
    setItems(data.items);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function countersign(c: Contract) {
    if (!window.confirm(t('lender.contracts.countersignConfirm', { number: c.number }))) return;
    setBusy(c.id);
    const { error } = await api.POST('/api/v1/lender/contracts/{id}/sign', { params: { path: { id: c.id } } });
    setBusy(null);
    if (error) return setProblem(error as Problem);
    setProblem(null);
    setSigned(c.number);
    await load();
  }

  const signature = (s: Contract['signatures'][number] | null) =>
    s ? t('lender.contracts.signedBy', { name: s.signerName, at: formatDateTime(s.signedAt) }) : t('lender.contracts.pending');

  return (
    <section className="card" aria-labelledby="contracts-title">
      <h1 id="contracts-title">{t('lender.contracts.title')}</h1>
      <OwnLenderLine />
      <ProblemAlert problem={problem} />
      {signed && <p role="status">{t('lender.contracts.countersigned', { number: signed })}</p>}
      {!items && !problem && <p>{t('common.loading')}</p>}
      {items?.length === 0 && <p className="notice">{t('lender.contracts.empty')}</p>}
      {items && items.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
          <table data-testid="contracts-table" aria-labelledby="contracts-title">
            <thead>
              <tr>
                <th scope="col">{t('lender.contracts.number')}</th>
                <th scope="col">{t('lender.contracts.status')}</th>
                <th scope="col">{t('lender.contracts.createdAt')}</th>
                <th scope="col">{t('lender.contracts.borrowerSignature')}</th>
                <th scope="col">{t('lender.contracts.lenderSignature')}</th>
                <th scope="col">{t('lender.contracts.document')}</th>
                <th scope="col">{t('lender.contracts.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => {
                const s = signaturesOf(c);
                return (
                  <tr key={c.id}>
                    <th scope="row">
                      {c.number}
                      <br />
                      <small>
                        <Link to={`/lender/requests/${c.requestId}`}>{t('lender.contracts.toRequest')}</Link>
                      </small>
                    </th>
                    <td>
                      <span className={contractBadge(c.status)}>{t(`lender.contractStatus.${c.status}`)}</span>
                    </td>
                    <td>{formatDateTime(c.createdAt)}</td>
                    <td>{signature(s.borrower)}</td>
                    <td>{signature(s.lender)}</td>
                    <td>
                      <a href={`/api/v1/contracts/${c.id}/pdf`} target="_blank" rel="noopener" aria-label={t('lender.contracts.pdfLabel', { number: c.number })}>
                        {t('lender.contracts.pdf')}
                      </a>
                    </td>
                    <td>
                      {s.canCountersign && (
                        <button
                          className="primary"
                          type="button"
                          disabled={busy === c.id}
                          aria-label={t('lender.contracts.countersignLabel', { number: c.number })}
                          onClick={() => countersign(c)}
                        >
                          {t('lender.contracts.countersign')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
