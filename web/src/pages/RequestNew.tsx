import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, type Problem } from '../api/client';
import type { components } from '../api/schema';
import { Field, ProblemAlert, SelectField } from '../components/Field';
import { parseGermanAmount } from '../format';

type Company = components['schemas']['Company'];
type Product = components['schemas']['FinancingRequest']['product'];
export const PRODUCTS: Product[] = [
  'working_capital_loan',
  'investment_loan',
  'real_estate_loan',
  'leasing',
  'factoring',
  'purchase_financing',
  'mezzanine',
  'promotional_loan',
];

export function RequestNew() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [companies, setCompanies] = useState<Company[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const errors = { ...fieldErrors(problem ?? undefined), ...localErrors };
  useEffect(() => {
    void api.GET('/api/v1/companies').then(({ data }) => setCompanies(data?.items ?? []));
  }, []);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const amount = parseGermanAmount(String(f.get('amount') ?? ''));
    if (!amount) return setLocalErrors({ amount: t('request.amountHint') });
    setLocalErrors({});
    const { data, error } = await api.POST('/api/v1/financing-requests', {
      body: {
        companyId: String(f.get('companyId')),
        product: String(f.get('product')) as Product,
        amount,
        termMonths: Number(f.get('termMonths')),
        purpose: String(f.get('purpose') ?? ''),
      },
    });
    if (error) return setProblem(error as Problem);
    navigate(`/requests/${data.id}`);
  }

  return (
    <form className="card" onSubmit={onSubmit} noValidate>
      <h1>{t('request.newTitle')}</h1>
      <ProblemAlert problem={problem} />
      <div className="grid">
        <SelectField label={t('request.company')} name="companyId" error={errors.companyId}>
          {companies.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('request.product')} name="product" defaultValue="investment_loan" error={errors.product}>
          {PRODUCTS.map((p) => (
            <option key={p} value={p}>
              {t(`products.${p}`)}
            </option>
          ))}
        </SelectField>
        <Field label={t('request.amount')} name="amount" inputMode="decimal" required hint={t('request.amountHint')} error={errors.amount} />
        <Field label={t('request.termMonths')} name="termMonths" type="number" min={1} max={360} required error={errors.termMonths} />
      </div>
      <div className="field">
        <label htmlFor="purpose">{t('request.purpose')}</label>
        <textarea id="purpose" name="purpose" rows={3} required aria-invalid={!!errors.purpose} />
        {errors.purpose && (
          <small className="error" role="alert">
            {errors.purpose}
          </small>
        )}
      </div>
      <button className="primary" type="submit">
        {t('request.createDraft')}
      </button>
    </form>
  );
}
