import { Fragment, useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/client';
import { formatEur } from '../format';
import { FEDERAL_STATES, LEGAL_FORMS, PRODUCTS } from '../vocabulary';
import { Field, ProblemAlert, SelectField } from './Field';
import {
  RATING_CLASSES,
  fieldOf,
  fromPolicy,
  relocalize,
  summarize,
  toPolicy,
  type ChoiceMode,
  type CreditPolicy,
  type FieldPath,
  type FormError,
  type Lang,
  type PolicyFormValues,
} from './policy-form';

const langOf = (language: string): Lang => (language === 'en' ? 'en' : 'de');

function valueAt(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The policy as a definition list in plain words (for people who read, not edit, it). */
export function PolicySummary({ policy }: { policy: CreditPolicy }) {
  const { t, i18n } = useTranslation();
  const rows = summarize(policy, t as (key: string, options?: Record<string, unknown>) => string, langOf(i18n.language), formatEur);
  return (
    <dl className="facts policy-summary">
      {rows.map(([label, value]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

interface ChoiceGroupProps {
  legend: string;
  mode: ChoiceMode;
  onMode: (mode: ChoiceMode) => void;
  allLabel: string;
  onlyLabel: string;
  options: [value: string, label: string][];
  selected: string[];
  onSelected: (selected: string[]) => void;
  error?: string;
}

/** "all" (no restriction) or "only these", with a checkbox per entry. */
function ChoiceGroup({ legend, mode, onMode, allLabel, onlyLabel, options, selected, onSelected, error }: ChoiceGroupProps) {
  const id = useId();
  return (
    <fieldset className={`choice-group${error ? ' has-error' : ''}`} aria-describedby={error ? `${id}-err` : undefined}>
      <legend>{legend}</legend>
      <div className="choice">
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'all'} onChange={() => onMode('all')} /> {allLabel}
        </label>
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'only'} onChange={() => onMode('only')} /> {onlyLabel}
        </label>
      </div>
      {mode === 'only' && (
        <div className="checks">
          {options.map(([value, label]) => (
            <label key={value}>
              <input
                type="checkbox"
                checked={selected.includes(value)}
                onChange={(e) => onSelected(e.target.checked ? [...selected, value] : selected.filter((x) => x !== value))}
              />{' '}
              {label}
            </label>
          ))}
        </div>
      )}
      {error && (
        <small id={`${id}-err`} className="error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}

interface PolicyFormProps {
  /** The policy in force: the form starts from it. */
  initial: CreditPolicy;
  /** Sends a policy (PUT); resolves to the server's problem, or null when it was stored. */
  onSave: (policy: unknown) => Promise<Problem | null>;
  /** Shown beside the save button (e.g. "Gespeichert als Version 4."). */
  status?: ReactNode;
}

/**
 * The credit policy as a form in the chosen language, with the JSON for experts in a <details> below. Both
 * edit the same values: the JSON shows what the form holds; JSON changes reach the form when the field is left,
 * and a JSON edit not yet taken over is what the save button sends.
 */
export function PolicyForm({ initial, onSave, status }: PolicyFormProps) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const [values, setValues] = useState<PolicyFormValues>(() => fromPolicy(initial, lang));
  const [jsonDraft, setJsonDraft] = useState<string | null>(null); // null: the JSON shows the form's policy
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const sent = useRef<unknown>(null);
  const jsonId = useId();

  // Amounts typed German-style are retyped when the language changes, so they keep their value.
  const shownLang = useRef(lang);
  useEffect(() => {
    if (shownLang.current === lang) return;
    const from = shownLang.current;
    shownLang.current = lang;
    setValues((v) => relocalize(v, from, lang));
  }, [lang]);

  const { policy, errors: clientErrors } = useMemo(() => toPolicy(values, lang), [values, lang]);
  const hasClientErrors = Object.keys(clientErrors).length > 0;
  const set = <K extends keyof PolicyFormValues>(key: K, value: PolicyFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  // Server errors by form field; those no field shows are listed above the form.
  const { byField, unplaced } = useMemo(() => {
    const byField: Partial<Record<FieldPath, string[]>> = {};
    const unplaced: { path: string; message: string }[] = [];
    for (const e of problem?.errors ?? []) {
      const at = fieldOf(e.path);
      if (!at) {
        unplaced.push(e);
        continue;
      }
      const item = at.index !== undefined ? valueAt(sent.current, e.path) : undefined;
      const message =
        item !== undefined && item !== null ? t('lenders.form.entry', { value: String(item), message: e.message }) : e.message;
      (byField[at.field] ??= []).push(message);
    }
    return { byField, unplaced };
  }, [problem, t]);

  const clientMessage = (e: FormError) => t(`lenders.form.errors.${e.key}`, e.values ?? {});
  const errorAt = (field: FieldPath): string | undefined => {
    const client = submitted ? clientErrors[field] : undefined;
    if (client) return clientMessage(client);
    return byField[field]?.join(' ');
  };

  function takeJson(text: string): Record<string, unknown> | null {
    try {
      const parsed: unknown = JSON.parse(text);
      if (isPlainObject(parsed)) return parsed;
    } catch {
      // falls through
    }
    return null;
  }

  function onJsonBlur() {
    if (jsonDraft === null) return;
    const parsed = takeJson(jsonDraft);
    if (!parsed) return setJsonError(t('lenders.invalidJson'));
    setValues(fromPolicy(parsed, lang));
    setJsonDraft(null);
    setJsonError(null);
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    let body: unknown;
    if (jsonDraft !== null) {
      // Saving from the expert view: the JSON as typed, like before the form existed.
      const parsed = takeJson(jsonDraft);
      if (!parsed) {
        setJsonError(t('lenders.invalidJson'));
        return setProblem({ type: '', title: '', status: 400, detail: t('lenders.invalidJson') });
      }
      body = parsed;
      setValues(fromPolicy(parsed, lang));
      setJsonDraft(null);
      setJsonError(null);
    } else {
      setSubmitted(true);
      if (hasClientErrors) return setProblem(null);
      body = policy;
    }
    sent.current = body;
    setBusy(true);
    try {
      setProblem(await onSave(body));
    } finally {
      setBusy(false);
    }
  }

  const moneyHint = t('lenders.form.moneyHint');
  const common = { autoComplete: 'off', spellCheck: false } as const;

  return (
    <form onSubmit={onSubmit} noValidate className="policy-form">
      <ProblemAlert problem={submitted && hasClientErrors ? { detail: t('lenders.form.fixErrors') } : problem} />
      {unplaced.length > 0 && (
        <ul className="error">
          {unplaced.map(({ path, message }) => (
            <li key={path}>
              <code>{path}</code>: {message}
            </li>
          ))}
        </ul>
      )}

      <ChoiceGroup
        legend={t('lenders.form.legendProducts')}
        mode={values.productsMode}
        onMode={(m) => set('productsMode', m)}
        allLabel={t('lenders.form.allProducts')}
        onlyLabel={t('lenders.form.onlyProducts')}
        options={PRODUCTS.map((p) => [p, t(`products.${p}`)])}
        selected={values.products}
        onSelected={(s) => set('products', s)}
        error={errorAt('products')}
      />

      <fieldset>
        <legend>{t('lenders.form.legendAmountTerm')}</legend>
        <div className="grid pairs">
          <Field label={t('lenders.form.amountMin')} hint={moneyHint} inputMode="decimal" {...common}
            value={values.amountMin} onChange={(e) => set('amountMin', e.target.value)} error={errorAt('amount.min')} />
          <Field label={t('lenders.form.amountMax')} hint={moneyHint} inputMode="decimal" {...common}
            value={values.amountMax} onChange={(e) => set('amountMax', e.target.value)} error={errorAt('amount.max')} />
          <Field label={t('lenders.form.termMin')} hint={t('lenders.form.termHint')} inputMode="numeric" {...common}
            value={values.termMin} onChange={(e) => set('termMin', e.target.value)} error={errorAt('termMonths.min')} />
          <Field label={t('lenders.form.termMax')} hint={t('lenders.form.termHint')} inputMode="numeric" {...common}
            value={values.termMax} onChange={(e) => set('termMax', e.target.value)} error={errorAt('termMonths.max')} />
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('lenders.form.legendRegion')}</legend>
        <ChoiceGroup
          legend={t('lenders.form.federalStates')}
          mode={values.statesMode}
          onMode={(m) => set('statesMode', m)}
          allLabel={t('lenders.form.nationwide')}
          onlyLabel={t('lenders.form.onlyStates')}
          options={FEDERAL_STATES.map((s) => [s, t(`lender.federalStates.${s}`)])}
          selected={values.federalStates}
          onSelected={(s) => set('federalStates', s)}
          error={errorAt('federalStates')}
        />
        <Field label={t('lenders.form.postalCodes')} hint={t('lenders.form.postalCodesHint')} inputMode="numeric" {...common}
          value={values.postalCodePrefixes} onChange={(e) => set('postalCodePrefixes', e.target.value)} error={errorAt('postalCodePrefixes')} />
      </fieldset>

      <fieldset>
        <legend>{t('lenders.form.legendIndustries')}</legend>
        <div className="grid">
          <Field label={t('lenders.form.industriesInclude')} hint={t('lenders.form.industriesIncludeHint')} {...common}
            value={values.industriesInclude} onChange={(e) => set('industriesInclude', e.target.value)} error={errorAt('industries.include')} />
          <Field label={t('lenders.form.industriesExclude')} hint={t('lenders.form.industriesExcludeHint')} {...common}
            value={values.industriesExclude} onChange={(e) => set('industriesExclude', e.target.value)} error={errorAt('industries.exclude')} />
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('lenders.form.legendCompany')}</legend>
        <ChoiceGroup
          legend={t('lenders.form.legalForms')}
          mode={values.legalFormsMode}
          onMode={(m) => set('legalFormsMode', m)}
          allLabel={t('lenders.form.allLegalForms')}
          onlyLabel={t('lenders.form.onlyLegalForms')}
          options={LEGAL_FORMS.map((l) => [l, l === 'freelancer' ? t('legalForms.freelancer') : l])}
          selected={values.legalForms}
          onSelected={(s) => set('legalForms', s)}
          error={errorAt('legalForms')}
        />
        <div className="grid">
          <Field label={t('lenders.form.minYears')} hint={t('lenders.form.minYearsHint')} inputMode="numeric" {...common}
            value={values.minYearsInBusiness} onChange={(e) => set('minYearsInBusiness', e.target.value)} error={errorAt('minYearsInBusiness')} />
          <Field label={t('lenders.form.minRevenue')} hint={moneyHint} inputMode="decimal" {...common}
            value={values.minAnnualRevenue} onChange={(e) => set('minAnnualRevenue', e.target.value)} error={errorAt('minAnnualRevenue')} />
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('lenders.form.legendCredit')}</legend>
        <div className="grid">
          <Field label={t('lenders.form.maxAmountToRevenue')} hint={t('lenders.form.maxAmountToRevenueHint')} inputMode="decimal" {...common}
            value={values.maxAmountToRevenue} onChange={(e) => set('maxAmountToRevenue', e.target.value)} error={errorAt('maxAmountToRevenue')} />
          <SelectField label={t('lenders.form.worstRating')} value={values.worstRatingClass}
            onChange={(e) => set('worstRatingClass', e.target.value)} error={errorAt('worstRatingClass')}>
            <option value="">{t('lenders.form.noLimit')}</option>
            {RATING_CLASSES.map((c) => (
              <option key={c} value={String(c)}>
                {c === 1 ? t('lenders.form.ratingBest') : c === 10 ? t('lenders.form.ratingWorst') : t('lenders.form.ratingClass', { value: c })}
              </option>
            ))}
            {values.worstRatingClass && !RATING_CLASSES.map(String).includes(values.worstRatingClass) && (
              <option value={values.worstRatingClass}>{values.worstRatingClass}</option>
            )}
          </SelectField>
          <Field label={t('lenders.form.volumeCap')} hint={t('lenders.form.volumeCapHint')} inputMode="decimal" {...common}
            value={values.monthlyVolumeCap} onChange={(e) => set('monthlyVolumeCap', e.target.value)} error={errorAt('monthlyVolumeCap')} />
        </div>
      </fieldset>

      <details className="policy-json">
        <summary>{t('lenders.form.json')}</summary>
        <p className="muted" id={`${jsonId}-hint`}>
          {t('lenders.form.jsonHint')} {hasClientErrors && t('lenders.form.jsonIncomplete')}
        </p>
        <label htmlFor="policy" className="sr-only">
          {t('lenders.policy')}
        </label>
        <textarea
          id="policy"
          className="code"
          rows={18}
          spellCheck={false}
          value={jsonDraft ?? JSON.stringify(policy, null, 2)}
          onChange={(e) => setJsonDraft(e.target.value)}
          onBlur={onJsonBlur}
          aria-invalid={!!jsonError}
          aria-describedby={`${jsonId}-hint${jsonError ? ` ${jsonId}-err` : ''}`}
        />
        {jsonError && (
          <small id={`${jsonId}-err`} className="error" role="alert">
            {jsonError}
          </small>
        )}
      </details>

      <div className="actions">
        <button className="primary" type="submit" disabled={busy}>
          {t('lenders.savePolicy')}
        </button>
        {status}
      </div>
    </form>
  );
}
