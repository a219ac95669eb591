import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { Field, ProblemAlert, SelectField } from '../../components/Field';
import { Lenders } from '../Lenders';
import { FEDERAL_STATES, LENDER_TYPES, type FederalState, type LenderType } from '../../vocabulary';

type Lender = components['schemas']['Lender'];
type CreateLender = components['schemas']['CreditPolicyVersion']['policy'];

function CreateLenderForm({ onCreated }: { onCreated: (l: Lender) => void }) {
  const { t } = useTranslation();
  const empty = { name: '', type: 'savings_bank' as LenderType, bic: '', federalState: '', contactName: '', contactEmail: '', policy: '{\n  "products": ["investment_loan"]\n}' };
  const [form, setForm] = useState(empty);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [created, setCreated] = useState<Lender | null>(null);
  const errors = fieldErrors(problem ?? undefined);
  const policyErrors = Object.entries(errors).filter(([path]) => path.startsWith('policy'));

  async function submit(e: FormEvent) {
    e.preventDefault();
    let policy: CreateLender;
    try {
      policy = JSON.parse(form.policy) as CreateLender;
    } catch {
      return setProblem({ type: '', title: '', status: 400, detail: t('admin.lenders.invalidJson') });
    }
    const { data, error } = await api.POST('/api/v1/lenders', {
      body: {
        name: form.name,
        type: form.type,
        contactEmail: form.contactEmail,
        policy,
        ...(form.bic ? { bic: form.bic } : {}),
        ...(form.federalState ? { federalState: form.federalState as FederalState } : {}),
        ...(form.contactName ? { contactName: form.contactName } : {}),
      },
    });
    if (error) return setProblem(error as Problem);
    setProblem(null);
    setCreated(data);
    setForm(empty);
    onCreated(data);
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="new-lender">
      <h2 id="new-lender">{t('admin.lenders.new')}</h2>
      <ProblemAlert problem={problem} />
      <div className="grid">
        <Field label={t('admin.lenders.name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} error={errors.name} required />
        <SelectField label={t('admin.lenders.type')} value={form.type} onChange={(e) => setForm({ ...form, type: e.target.value as typeof form.type })} error={errors.type}>
          {LENDER_TYPES.map((x) => (
            <option key={x} value={x}>
              {t(`lenderTypes.${x}`)}
            </option>
          ))}
        </SelectField>
        <Field label={t('admin.lenders.bic')} value={form.bic} onChange={(e) => setForm({ ...form, bic: e.target.value.toUpperCase() })} error={errors.bic} />
        <SelectField label={t('admin.lenders.federalState')} value={form.federalState} onChange={(e) => setForm({ ...form, federalState: e.target.value })} error={errors.federalState}>
          <option value="">{t('admin.lenders.nationwide')}</option>
          {FEDERAL_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`lender.federalStates.${s}`)}
            </option>
          ))}
        </SelectField>
        <Field label={t('admin.lenders.contactName')} value={form.contactName} onChange={(e) => setForm({ ...form, contactName: e.target.value })} error={errors.contactName} />
        <Field label={t('admin.lenders.contactEmail')} type="email" value={form.contactEmail} onChange={(e) => setForm({ ...form, contactEmail: e.target.value })} error={errors.contactEmail} required />
      </div>
      <div className="field">
        <label htmlFor="new-lender-policy">{t('admin.lenders.policy')}</label>
        <textarea
          id="new-lender-policy"
          className="code"
          rows={8}
          spellCheck={false}
          aria-describedby="new-lender-policy-hint"
          value={form.policy}
          onChange={(e) => setForm({ ...form, policy: e.target.value })}
        />
        <small id="new-lender-policy-hint">{t('admin.lenders.policyHint')}</small>
      </div>
      {policyErrors.length > 0 && (
        <ul className="error">
          {policyErrors.map(([path, msg]) => (
            <li key={path}>
              <code>{path}</code>: {msg}
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button className="primary" type="submit">
          {t('admin.lenders.create')}
        </button>
        {created && (
          <span role="status">
            {t('admin.lenders.created', { name: created.name })} <Link to={`/lenders/${created.id}`}>{t('admin.lenders.openCreated', { name: created.name })}</Link>
          </span>
        )}
      </div>
    </form>
  );
}

/** Lenders and their policies: the lender list (policy editor one click away) and adding a lender. */
export function AdminLenders() {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  return (
    <div className="stack">
      <p>{t('admin.lenders.intro')}</p>
      <Lenders key={version} />
      <CreateLenderForm onCreated={() => setVersion((v) => v + 1)} />
    </div>
  );
}
