import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, type Problem } from '../../api/client';
import { Field, ProblemAlert, SelectField } from '../../components/Field';
import { MatchesView, type Matches } from '../../components/MatchPanel';
import { parseAmount } from '../../format';
import { LEGAL_FORMS, PRODUCTS, type LegalForm, type Product } from '../../vocabulary';
import './advisor.css';

/**
 * Advisors sound out a financing with a client before anything is entered: the same matching as on submit,
 * against the policies in force, nothing stored.
 */
export function MatchPreview() {
  const { t, i18n } = useTranslation();
  const [matches, setMatches] = useState<Matches | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  // The API names company fields "company.postalCode"; the form's fields are named without the prefix.
  const errors = {
    ...Object.fromEntries(Object.entries(fieldErrors(problem ?? undefined)).map(([k, v]) => [k.replace(/^company\./, ''), v])),
    ...localErrors,
  };

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const s = (k: string) => String(f.get(k) ?? '').trim();
    const amount = parseAmount(s('amount'));
    const annualRevenue = parseAmount(s('annualRevenue'));
    const local: Record<string, string> = {};
    if (!amount) local.amount = t('advisor.preview.amountHint');
    if (!annualRevenue) local.annualRevenue = t('advisor.preview.amountHint');
    setLocalErrors(local);
    if (!amount || !annualRevenue) return;
    setBusy(true);
    const { data, error } = await api.POST('/api/v1/matching/preview', {
      body: {
        product: s('product') as Product,
        amount,
        termMonths: Number(s('termMonths')),
        ratingClass: s('ratingClass') ? Number(s('ratingClass')) : null,
        company: {
          postalCode: s('postalCode'),
          industryCode: s('industryCode'),
          legalForm: s('legalForm') as LegalForm,
          foundedOn: s('foundedOn'),
          annualRevenue,
        },
      },
    });
    setBusy(false);
    if (error) {
      setProblem(error as Problem);
      setMatches(null);
      return;
    }
    setProblem(null);
    setMatches(data);
  }

  return (
    <>
      <p>
        <Link to="/advisor/queue">← {t('advisor.nav.workspace')}</Link>
      </p>
      <h1>{t('advisor.preview.title')}</h1>
      <p>{t('advisor.preview.lead')}</p>
      <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="preview-need">
        <h2 id="preview-need">{t('advisor.preview.need')}</h2>
        <ProblemAlert problem={problem} />
        <div className="grid">
          <SelectField label={t('advisor.preview.product')} name="product" defaultValue="investment_loan" error={errors.product}>
            {PRODUCTS.map((p) => (
              <option key={p} value={p}>
                {t(`products.${p}`)}
              </option>
            ))}
          </SelectField>
          <Field label={t('advisor.preview.amount')} name="amount" required inputMode="decimal" defaultValue={i18n.language === 'en' ? '300,000' : '300.000'} hint={t('advisor.preview.amountHint')} error={errors.amount} />
          <Field label={t('advisor.preview.termMonths')} name="termMonths" type="number" min={1} max={360} required defaultValue="60" error={errors.termMonths} />
          <SelectField label={t('advisor.preview.ratingClass')} name="ratingClass" defaultValue="" error={errors.ratingClass}>
            <option value="">{t('advisor.preview.noRating')}</option>
            {Array.from({ length: 10 }, (_, i) => i + 1).map((c) => (
              <option key={c} value={c}>
                {t('advisor.preview.ratingOption', { class: c })}
              </option>
            ))}
          </SelectField>
        </div>
        <h2>{t('advisor.preview.company')}</h2>
        <div className="grid">
          <Field label={t('company.postalCode')} name="postalCode" required inputMode="numeric" maxLength={5} error={errors.postalCode} />
          <Field label={t('company.industryCode')} name="industryCode" required hint={t('company.industryHint')} error={errors.industryCode} />
          <SelectField label={t('company.legalForm')} name="legalForm" defaultValue="GmbH" error={errors.legalForm}>
            {LEGAL_FORMS.map((l) => (
              <option key={l} value={l}>
                {l === 'freelancer' ? t('legalForms.freelancer') : l}
              </option>
            ))}
          </SelectField>
          <Field label={t('company.foundedOn')} name="foundedOn" type="date" required error={errors.foundedOn} />
          <Field label={t('company.annualRevenue')} name="annualRevenue" required inputMode="decimal" hint={t('advisor.preview.amountHint')} error={errors.annualRevenue} />
        </div>
        <button className="primary" type="submit" disabled={busy}>
          {t('advisor.preview.run')}
        </button>
      </form>
      {matches && (
        <section className="card" aria-labelledby="preview-result" data-testid="preview-result">
          <h2 id="preview-result">{t('advisor.preview.result')}</h2>
          <p>
            <small>{t('advisor.preview.notStored')}</small>
          </p>
          <MatchesView matches={matches} />
        </section>
      )}
    </>
  );
}
