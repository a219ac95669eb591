import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { Field, ProblemAlert, SelectField } from '../../components/Field';
import { useAuth } from '../../auth';
import { PRODUCTS } from '../../vocabulary';
import { validateNeed, type NeedErrors, type NeedInput } from './need-validation';

type FinancingRequest = components['schemas']['FinancingRequest'];
type Product = FinancingRequest['product'];

function fromRequest(r: FinancingRequest | null): NeedInput {
  if (!r) return { product: 'investment_loan', amount: '', termMonths: '', purpose: '' };
  return { product: r.product, amount: Number(r.amount).toLocaleString('de-DE', { minimumFractionDigits: 2 }), termMonths: String(r.termMonths), purpose: r.purpose };
}

/**
 * The financing need. Until it is valid it is kept in this browser (so a reload loses nothing); once
 * saved it is a draft request on the server, which later steps and the dashboard continue from.
 */
export function NeedForm(props: { companyId: string; request: FinancingRequest | null; onBack: () => void; onSaved: (r: FinancingRequest) => void }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const storageKey = `kp.wizard.need.${me?.id ?? 'anon'}.${props.request?.id ?? props.companyId}`;
  const [input, setInput] = useState<NeedInput>(() => {
    const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(storageKey) : null;
    return stored ? { ...fromRequest(props.request), ...(JSON.parse(stored) as Partial<NeedInput>) } : fromRequest(props.request);
  });
  const [touched, setTouched] = useState<Partial<Record<keyof NeedInput, boolean>>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    localStorage.setItem(storageKey, JSON.stringify(input));
  }, [input, storageKey]);

  const checked = validateNeed(input);
  const localErrors: NeedErrors = 'errors' in checked ? checked.errors : {};
  const serverErrors = fieldErrors(problem ?? undefined);
  const errorOf = (k: keyof NeedInput) => (touched[k] && localErrors[k] ? t(`wizard.errors.${localErrors[k]}`) : serverErrors[k]);
  const set = (k: keyof NeedInput) => (e: { target: { value: string } }) => setInput((s) => ({ ...s, [k]: e.target.value }));
  const blur = (k: keyof NeedInput) => () => setTouched((s) => ({ ...s, [k]: true }));

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setTouched({ product: true, amount: true, termMonths: true, purpose: true });
    if (!('values' in checked)) return;
    setSaving(true);
    const body = { ...checked.values, product: checked.values.product as Product };
    const result = props.request
      ? await api.PATCH('/api/v1/financing-requests/{id}', { params: { path: { id: props.request.id } }, body })
      : await api.POST('/api/v1/financing-requests', { body: { ...body, companyId: props.companyId } });
    setSaving(false);
    if (result.error) return setProblem(result.error as Problem);
    localStorage.removeItem(storageKey);
    props.onSaved(result.data as FinancingRequest);
  }

  return (
    <form className="card" onSubmit={onSubmit} noValidate>
      <h2>{t('wizard.steps.need')}</h2>
      <ProblemAlert problem={problem} />
      <div className="grid">
        <SelectField label={t('request.product')} name="product" value={input.product} onChange={set('product')} onBlur={blur('product')} error={errorOf('product')}>
          {PRODUCTS.map((p) => (
            <option key={p} value={p}>
              {t(`products.${p}`)}
            </option>
          ))}
        </SelectField>
        <Field
          label={t('request.amount')}
          name="amount"
          inputMode="decimal"
          required
          hint={t('request.amountHint')}
          value={input.amount}
          onChange={set('amount')}
          onBlur={blur('amount')}
          error={errorOf('amount')}
        />
        <Field
          label={t('request.termMonths')}
          name="termMonths"
          type="number"
          min={1}
          max={360}
          required
          value={input.termMonths}
          onChange={set('termMonths')}
          onBlur={blur('termMonths')}
          error={errorOf('termMonths')}
        />
      </div>
      <div className="field">
        <label htmlFor="purpose">{t('request.purpose')}</label>
        <textarea
          id="purpose"
          name="purpose"
          rows={3}
          required
          value={input.purpose}
          onChange={set('purpose')}
          onBlur={blur('purpose')}
          aria-invalid={!!errorOf('purpose')}
          aria-describedby="purpose-err"
        />
        {errorOf('purpose') && (
          <small id="purpose-err" className="error" role="alert">
            {errorOf('purpose')}
          </small>
        )}
      </div>
      <div className="actions">
        <button type="button" onClick={props.onBack}>
          {t('common.back')}
        </button>
        <button className="primary" type="submit" disabled={saving}>
          {t('wizard.saveAndNext')}
        </button>
      </div>
    </form>
  );
}
