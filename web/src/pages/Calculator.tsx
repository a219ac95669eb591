import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, type Problem } from '../api/client';
import type { paths } from '../api/schema';
import { Field, ProblemAlert, SelectField } from '../components/Field';
import { ScheduleTable } from '../components/ScheduleTable';
import { RepaymentChart } from '../components/RepaymentChart';
import { formatEur, formatRate, parseAmount, parsePercent } from '../format';

type Operation = paths['/api/v1/calculations/schedule']['post'];
type Result = Operation['responses'][200]['content']['application/json'];
type FeeRow = { type: string; amount: string; when: 'upfront' | 'first_instalment' | 'financed' };

export function Calculator() {
  const { t } = useTranslation();
  const [fees, setFees] = useState<FeeRow[]>([]);
  const [result, setResult] = useState<Result | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...fieldErrors(problem ?? undefined), ...local };

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const amount = parseAmount(String(f.get('amount') ?? ''));
    const nominalRate = parsePercent(String(f.get('rate') ?? ''));
    const feeAmounts = fees.map((x) => parseAmount(x.amount));
    const bad: Record<string, string> = {};
    if (!amount) bad.amount = t('calculator.amountHint');
    if (!nominalRate) bad.nominalRate = t('calculator.rateHint');
    feeAmounts.forEach((a, i) => {
      if (!a) bad[`fees[${i}].amount`] = t('calculator.amountHint');
    });
    setLocal(bad);
    if (Object.keys(bad).length) return;
    const startDate = String(f.get('startDate') ?? '');
    const body = {
      amount: amount!,
      nominalRate: nominalRate!,
      termMonths: Number(f.get('termMonths')),
      amortization: String(f.get('amortization')) as 'annuity' | 'linear' | 'bullet',
      graceMonths: Number(f.get('graceMonths') || 0),
      dayCount: String(f.get('dayCount')) as '30/360' | 'act/365',
      fees: fees.map((x, i) => ({ type: x.type || 'fee', amount: feeAmounts[i]!, when: x.when })),
      ...(startDate ? { startDate } : {}),
    };
    const { data, error } = await api.POST('/api/v1/calculations/schedule', { body });
    if (error) {
      setResult(null);
      return setProblem(error as Problem);
    }
    setProblem(null);
    setResult(data);
  }

  return (
    <div className="stack">
      <form className="card" onSubmit={onSubmit} noValidate>
        <h1>{t('calculator.title')}</h1>
        <p>{t('calculator.lead')}</p>
        <ProblemAlert problem={problem} />
        <div className="grid">
          <Field label={t('calculator.amount')} name="amount" inputMode="decimal" defaultValue="300.000,00" error={errors.amount} />
          <Field label={t('calculator.rate')} name="rate" inputMode="decimal" defaultValue="4,85" hint={t('calculator.rateHint')} error={errors.nominalRate} />
          <Field label={t('calculator.termMonths')} name="termMonths" type="number" min={1} max={360} defaultValue={60} error={errors.termMonths} />
          <SelectField label={t('calculator.amortization')} name="amortization" defaultValue="annuity" error={errors.amortization}>
            <option value="annuity">{t('calculator.annuity')}</option>
            <option value="linear">{t('calculator.linear')}</option>
            <option value="bullet">{t('calculator.bullet')}</option>
          </SelectField>
          <Field label={t('calculator.graceMonths')} name="graceMonths" type="number" min={0} defaultValue={0} error={errors.graceMonths} />
          <SelectField label={t('calculator.dayCount')} name="dayCount" defaultValue="30/360">
            <option value="30/360">30/360</option>
            <option value="act/365">act/365</option>
          </SelectField>
          <Field label={t('calculator.startDate')} name="startDate" type="date" hint={t('calculator.startDateHint')} error={errors.startDate} />
        </div>
        <fieldset>
          <legend>{t('calculator.fees')}</legend>
          {fees.map((fee, i) => (
            <div className="fee-row" key={i}>
              <Field label={t('calculator.feeType')} value={fee.type} onChange={(e) => setFees(fees.map((x, j) => (j === i ? { ...x, type: e.target.value } : x)))} />
              <Field
                label={t('calculator.feeAmount')}
                inputMode="decimal"
                value={fee.amount}
                error={errors[`fees[${i}].amount`]}
                onChange={(e) => setFees(fees.map((x, j) => (j === i ? { ...x, amount: e.target.value } : x)))}
              />
              <SelectField
                label={t('calculator.feeWhen')}
                value={fee.when}
                onChange={(e) => setFees(fees.map((x, j) => (j === i ? { ...x, when: e.target.value as FeeRow['when'] } : x)))}
              >
                <option value="upfront">{t('calculator.whenUpfront')}</option>
                <option value="first_instalment">{t('calculator.whenFirst')}</option>
                <option value="financed">{t('calculator.whenFinanced')}</option>
              </SelectField>
              <button type="button" onClick={() => setFees(fees.filter((_, j) => j !== i))}>
                {t('calculator.removeFee')}
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setFees([...fees, { type: t('calculator.defaultFee'), amount: '', when: 'upfront' }])}>
            {t('calculator.addFee')}
          </button>
        </fieldset>
        <button className="primary" type="submit">
          {t('calculator.calculate')}
        </button>
      </form>
      {result && (
        <section className="card" aria-live="polite">
          <h2>{t('calculator.result')}</h2>
          <dl className="facts big">
            <dt>{t('calculator.instalment')}</dt>
            <dd data-testid="instalment">{formatEur(result.instalment)}</dd>
            <dt>{t('calculator.effectiveRate')}</dt>
            <dd data-testid="effective-rate">{formatRate(result.effectiveAnnualRate)}</dd>
            <dt>{t('calculator.totalInterest')}</dt>
            <dd>{formatEur(result.totalInterest)}</dd>
            <dt>{t('calculator.totalFees')}</dt>
            <dd>{formatEur(result.totalFees)}</dd>
            <dt>{t('calculator.totalCost')}</dt>
            <dd>{formatEur(result.totalCost)}</dd>
            <dt>{t('calculator.totalPaid')}</dt>
            <dd>{formatEur(result.totalPaid)}</dd>
            <dt>{t('calculator.costPer1000')}</dt>
            <dd>{formatEur(result.costPer1000PerYear)}</dd>
          </dl>
          <RepaymentChart rows={result.rows} />
          <details>
            <summary>{t('calculator.schedule', { count: result.rows.length })}</summary>
            <ScheduleTable rows={result.rows} />
          </details>
        </section>
      )}
    </div>
  );
}
