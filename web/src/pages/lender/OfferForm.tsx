import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, type Problem } from '../../api/client';
import { Field, ProblemAlert, SelectField } from '../../components/Field';
import { parseAmount, parsePercent } from '../../format';
import {
  addDays,
  AMORTIZATIONS,
  berlinToday,
  FEE_WHENS,
  IdempotencyKeys,
  toGermanAmountInput,
  type Amortization,
  type FeeWhen,
  type LenderRequest,
  type OfferBody,
} from './lender-utils';
import { TextAreaField } from './parts';

type FeeRow = { type: string; amount: string; when: FeeWhen };

/** Default validity of an offer: two weeks. */
const VALID_DAYS = 14;

/**
 * The lender's offer on a dispatched request, entered in German formats ("300.000,00", "4,85").
 * Local checks first, then the server's validation shown next to each field (problem+json `errors[].path`).
 */
export function OfferForm({ request, onCreated }: { request: LenderRequest; onCreated: () => void }) {
  const { t } = useTranslation();
  const [fees, setFees] = useState<FeeRow[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const keys = useRef(new IdempotencyKeys());
  const errors = { ...fieldErrors(problem ?? undefined), ...local };
  const today = berlinToday();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    const form = e.currentTarget;
    const f = new FormData(form);
    const text = (name: string) => String(f.get(name) ?? '').trim();
    const amount = parseAmount(text('amount'));
    const nominalRate = parsePercent(text('nominalRate'));
    const feeAmounts = fees.map((x) => parseAmount(x.amount));
    const bad: Record<string, string> = {};
    if (!amount) bad.amount = t('lender.offerForm.amountInvalid');
    if (!nominalRate) bad.nominalRate = t('lender.offerForm.rateInvalid');
    if (!text('termMonths')) bad.termMonths = t('lender.offerForm.required');
    if (!text('validUntil')) bad.validUntil = t('lender.offerForm.required');
    fees.forEach((x, i) => {
      if (!x.type.trim()) bad[`fees[${i}].type`] = t('lender.offerForm.required');
      if (!feeAmounts[i]) bad[`fees[${i}].amount`] = t('lender.offerForm.amountInvalid');
    });
    setLocal(bad);
    setDone(false);
    if (Object.keys(bad).length) {
      setProblem(null);
      return;
    }
    const collateral = text('collateral');
    const conditions = text('conditions');
    const body: OfferBody = {
      amount: amount!,
      nominalRate: nominalRate!,
      termMonths: Number(text('termMonths')),
      amortization: text('amortization') as Amortization,
      graceMonths: Number(text('graceMonths') || 0),
      fees: fees.map((x, i) => ({ type: x.type.trim(), amount: feeAmounts[i]!, when: x.when })),
      ...(collateral ? { collateral } : {}),
      ...(conditions ? { conditions } : {}),
      validUntil: text('validUntil'),
    };
    setBusy(true);
    try {
      const { error } = await api.POST('/api/v1/lender/requests/{id}/offers', {
        params: { path: { id: request.requestId }, header: { 'idempotency-key': keys.current.keyFor(body) } },
        body,
      });
      if (error) return setProblem(error as Problem);
      keys.current.done();
      setProblem(null);
      setFees([]);
      form.reset(); // back to the defaults, ready for a further offer
      setDone(true);
      onCreated();
    } catch {
      // Network failure: the same body sent again reuses the Idempotency-Key, so no second offer arises.
      setProblem({ type: '', title: '', status: 0, detail: t('lender.offerForm.networkError') });
    } finally {
      setBusy(false);
    }
  }

  const setFee = (i: number, patch: Partial<FeeRow>) => setFees(fees.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="offer-form-title">
      <h2 id="offer-form-title">{t('lender.offerForm.title')}</h2>
      <p>{t('lender.offerForm.lead')}</p>
      <ProblemAlert problem={problem} />
      <div className="grid">
        <Field
          label={t('lender.offerForm.amount')}
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          defaultValue={toGermanAmountInput(request.amount)}
          hint={t('lender.offerForm.amountHint')}
          error={errors.amount}
        />
        <Field
          label={t('lender.offerForm.nominalRate')}
          name="nominalRate"
          inputMode="decimal"
          autoComplete="off"
          hint={t('lender.offerForm.nominalRateHint')}
          error={errors.nominalRate}
        />
        <Field
          label={t('lender.offerForm.termMonths')}
          name="termMonths"
          type="number"
          min={1}
          max={360}
          defaultValue={request.termMonths}
          error={errors.termMonths}
        />
        <SelectField label={t('lender.offerForm.amortization')} name="amortization" defaultValue="annuity" error={errors.amortization}>
          {AMORTIZATIONS.map((a) => (
            <option key={a} value={a}>
              {t(`lender.amortization.${a}`)}
            </option>
          ))}
        </SelectField>
        <Field
          label={t('lender.offerForm.graceMonths')}
          name="graceMonths"
          type="number"
          min={0}
          max={359}
          defaultValue={0}
          hint={t('lender.offerForm.graceMonthsHint')}
          error={errors.graceMonths}
        />
        <Field
          label={t('lender.offerForm.validUntil')}
          name="validUntil"
          type="date"
          min={today}
          defaultValue={addDays(today, VALID_DAYS)}
          error={errors.validUntil}
        />
      </div>
      <fieldset>
        <legend>{t('lender.offerForm.fees')}</legend>
        {fees.length === 0 && <p>{t('lender.offerForm.noFees')}</p>}
        {fees.map((fee, i) => (
          <div className="fee-row" key={i}>
            <Field
              label={t('lender.offerForm.feeType', { n: i + 1 })}
              value={fee.type}
              error={errors[`fees[${i}].type`]}
              onChange={(e) => setFee(i, { type: e.target.value })}
            />
            <Field
              label={t('lender.offerForm.feeAmount', { n: i + 1 })}
              inputMode="decimal"
              value={fee.amount}
              error={errors[`fees[${i}].amount`]}
              onChange={(e) => setFee(i, { amount: e.target.value })}
            />
            <SelectField
              label={t('lender.offerForm.feeWhen', { n: i + 1 })}
              value={fee.when}
              error={errors[`fees[${i}].when`]}
              onChange={(e) => setFee(i, { when: e.target.value as FeeWhen })}
            >
              {FEE_WHENS.map((w) => (
                <option key={w} value={w}>
                  {t(`lender.feeWhen.${w}`)}
                </option>
              ))}
            </SelectField>
            <button type="button" onClick={() => setFees(fees.filter((_, j) => j !== i))}>
              {t('lender.offerForm.removeFee', { n: i + 1 })}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setFees([...fees, { type: t('lender.offerForm.defaultFee'), amount: '', when: 'upfront' }])}>
          {t('lender.offerForm.addFee')}
        </button>
      </fieldset>
      <div className="grid">
        <TextAreaField label={t('lender.offerForm.collateral')} name="collateral" maxLength={2000} error={errors.collateral} />
        <TextAreaField label={t('lender.offerForm.conditions')} name="conditions" maxLength={5000} error={errors.conditions} />
      </div>
      <div className="actions">
        <button className="primary" type="submit" disabled={busy}>
          {busy ? t('lender.offerForm.submitting') : t('lender.offerForm.submit')}
        </button>
        <span role="status">{done ? t('lender.offerForm.created') : ''}</span>
      </div>
    </form>
  );
}
