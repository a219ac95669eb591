import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, type Problem } from '../api/client';
import type { components } from '../api/schema';
import { formatDateTime } from '../format';
import { Field, ProblemAlert } from './Field';

type Contract = components['schemas']['Contract'];

/** The contract: download, the borrower's signature (password + explicit consent), the state of both signatures. */
export function ContractPanel({ contractId, isBorrower, onSigned }: { contractId: string; isBorrower: boolean; onSigned: () => void }) {
  const { t } = useTranslation();
  const [contract, setContract] = useState<Contract | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const load = useCallback(async () => {
    const { data } = await api.GET('/api/v1/contracts/{id}', { params: { path: { id: contractId } } });
    if (data) setContract(data);
  }, [contractId]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!contract) return null;
  const borrowerSigned = contract.signatures.some((s) => s.party === 'borrower');

  async function sign(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const { error } = await api.POST('/api/v1/contracts/{id}/sign', {
      params: { path: { id: contractId } },
      body: { password: String(f.get('password') ?? ''), consent: f.has('consent') as true },
    });
    if (error) return setProblem(error as Problem);
    setProblem(null);
    await load();
    onSigned();
  }

  return (
    <section className="card" id="contract" aria-labelledby="contract-title">
      <h2 id="contract-title">
        {t('contract.title')} {contract.number}
      </h2>
      <p>
        <span className={`badge contract-${contract.status}`} data-testid="contract-status">
          {t(`contract.status.${contract.status}`)}
        </span>{' '}
        <a href={`/api/v1/contracts/${contract.id}/pdf`} target="_blank" rel="noreferrer">
          {contract.status === 'signed' ? t('contract.downloadSigned') : t('contract.download')}
        </a>
      </p>
      <p className="muted">
        {t('contract.hash')}: <code>{contract.finalSha256 ?? contract.pdfSha256}</code>
      </p>
      <ul className="list">
        {contract.signatures.map((s) => (
          <li key={s.party}>
            {t(`contract.party.${s.party}`)}: {s.signerName} · {formatDateTime(s.signedAt)} · <small>{s.method}</small>
          </li>
        ))}
      </ul>
      {isBorrower && !borrowerSigned && contract.status === 'awaiting_signatures' && (
        <form onSubmit={sign} noValidate>
          <h3>{t('contract.signTitle')}</h3>
          <ProblemAlert problem={problem} />
          <label className="consent">
            <input type="checkbox" name="consent" required />
            <span>{t('contract.consentText', { number: contract.number })}</span>
          </label>
          <Field label={t('contract.password')} name="password" type="password" autoComplete="current-password" error={fieldErrors(problem ?? undefined).password} />
          <button className="primary" type="submit">
            {t('contract.sign')}
          </button>
        </form>
      )}
      {borrowerSigned && contract.status === 'awaiting_signatures' && <p role="status">{t('contract.waitingForLender')}</p>}
    </section>
  );
}
