import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, type Problem } from '../api/client';
import { Field, ProblemAlert, SelectField } from '../components/Field';
import { parseAmount } from '../format';
import { LEGAL_FORMS, type LegalForm } from '../vocabulary';

export function CompanyNew() {
  const navigate = useNavigate();
  return <CompanyForm onCreated={(id) => navigate(`/companies/${id}/consents`)} />;
}

/** The company form; used on its own page and as the first step of the request wizard. */
export function CompanyForm({ onCreated, embedded = false }: { onCreated: (id: string) => void; embedded?: boolean }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const errors = { ...fieldErrors(problem ?? undefined), ...localErrors };

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const s = (k: string) => String(f.get(k) ?? '').trim();
    // Checks only the browser can make (amount and number formats) are shown together with the server's, so a
    // person sees every field to fix at once.
    const revenue = parseAmount(s('annualRevenue'));
    const local: Record<string, string> = {};
    if (!revenue) local.annualRevenue = s('annualRevenue') ? t('company.revenueHint') : t('common.required');
    if (s('employees') === '') local.employees = t('common.required');
    setLocalErrors(local);
    const { data, error } = await api.POST('/api/v1/companies', {
      body: {
        name: s('name'),
        legalForm: s('legalForm') as LegalForm,
        ...(s('registerNumber') ? { registerNumber: s('registerNumber') } : {}),
        ...(s('vatId') ? { vatId: s('vatId') } : {}),
        street: s('street'),
        postalCode: s('postalCode'),
        city: s('city'),
        industryCode: s('industryCode'),
        foundedOn: s('foundedOn'),
        employees: s('employees') === '' ? -1 : Number(s('employees')), // empty: refused by the server, shown as "Pflichtfeld"
        annualRevenue: revenue ?? '',
      },
    });
    if (error) return setProblem(error as Problem);
    onCreated(data.id);
  }

  return (
    <form className="card" onSubmit={onSubmit} noValidate>
      {embedded ? <h2>{t('company.title')}</h2> : <h1>{t('company.title')}</h1>}
      <ProblemAlert problem={problem} />
      <div className="grid">
        <Field label={t('company.name')} name="name" required error={errors.name} />
        <SelectField label={t('company.legalForm')} name="legalForm" defaultValue="GmbH" error={errors.legalForm}>
          {LEGAL_FORMS.map((l) => (
            <option key={l} value={l}>
              {l === 'freelancer' ? t('legalForms.freelancer') : l}
            </option>
          ))}
        </SelectField>
        <Field label={t('company.registerNumber')} name="registerNumber" hint={t('company.registerHint')} error={errors.registerNumber} />
        <Field label={t('company.vatId')} name="vatId" hint={t('company.vatHint')} error={errors.vatId} />
        <Field label={t('company.street')} name="street" required autoComplete="street-address" error={errors.street} />
        <Field label={t('company.postalCode')} name="postalCode" required inputMode="numeric" maxLength={5} error={errors.postalCode} />
        <Field label={t('company.city')} name="city" required error={errors.city} />
        <Field label={t('company.industryCode')} name="industryCode" required hint={t('company.industryHint')} error={errors.industryCode} />
        <Field label={t('company.foundedOn')} name="foundedOn" type="date" required error={errors.foundedOn} />
        <Field label={t('company.employees')} name="employees" type="number" min={0} required error={errors.employees} />
        <Field label={t('company.annualRevenue')} name="annualRevenue" required inputMode="decimal" hint={t('company.revenueHint')} error={errors.annualRevenue} />
      </div>
      <button className="primary" type="submit">
        {t('company.create')}
      </button>
    </form>
  );
}
