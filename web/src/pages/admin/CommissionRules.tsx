import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { Field, ProblemAlert, SelectField } from '../../components/Field';
import { formatDateTime, formatEur, formatRate, parseAmount, parsePercent } from '../../format';

type Overview = components['schemas']['CommissionRuleOverview'];
type Lender = components['schemas']['Lender'];

/** "0.007500" → "0,75" for the percent input (exact: shifts digits, no float). */
function percentInput(rate: string): string {
  const [int, frac = ''] = rate.split('.');
  const digits = `${int}${frac.padEnd(2, '0')}`;
  const whole = String(Number(digits.slice(0, int.length + 2)));
  const rest = digits.slice(int.length + 2).replace(/0+$/, '');
  return rest ? `${whole},${rest}` : whole;
}
const amountInput = (v: string | null) => (v === null ? '' : v.replace('.', ','));

/** Commission rules: the default, every lender-specific rule, and a form to set one for any lender. */
export function CommissionRules() {
  const { t } = useTranslation();
  const [overview, setOverview] = useState<Overview | null>(null);
  const [lenders, setLenders] = useState<Lender[]>([]);
  const [q, setQ] = useState('');
  const [form, setForm] = useState({ lenderId: '', rate: '', minimum: '', cap: '' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);

  const load = useCallback(async () => {
    const { data } = await api.GET('/api/v1/admin/commission-rules');
    setOverview(data ?? null);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    const timer = setTimeout(() => {
      void api.GET('/api/v1/lenders', { params: { query: q ? { q } : {} } }).then(({ data }) => setLenders(data?.items ?? []));
    }, 200);
    return () => clearTimeout(timer);
  }, [q]);

  async function edit(lenderId: string) {
    const { data } = await api.GET('/api/v1/lenders/{id}/commission-rule', { params: { path: { id: lenderId } } });
    if (!data) return;
    setForm({ lenderId, rate: percentInput(data.rate), minimum: amountInput(data.minimum), cap: amountInput(data.cap) });
    document.getElementById('commission-form')?.scrollIntoView();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const rate = parsePercent(form.rate);
    const minimum = parseAmount(form.minimum);
    const cap = form.cap.trim() ? parseAmount(form.cap) : null;
    if (!rate) errors.rate = t('admin.commissions.invalidRate');
    if (!minimum) errors.minimum = t('admin.commissions.invalidAmount');
    if (form.cap.trim() && !cap) errors.cap = t('admin.commissions.invalidAmount');
    if (!form.lenderId) errors.lenderId = t('common.required');
    setLocal(errors);
    if (Object.keys(errors).length) return;
    const { data, error } = await api.PUT('/api/v1/lenders/{id}/commission-rule', {
      params: { path: { id: form.lenderId } },
      body: { rate: rate!, minimum: minimum!, cap },
    });
    if (error || !data) return setProblem(error as Problem);
    setProblem(null);
    const name = lenders.find((l) => l.id === form.lenderId)?.name ?? overview?.items.find((i) => i.lenderId === form.lenderId)?.lenderName ?? '';
    setSaved(t('admin.commissions.saved', { name }));
    await load();
  }

  const server = fieldErrors(problem ?? undefined);
  const errors = { ...server, ...local };
  const chosen = overview?.items.find((i) => i.lenderId === form.lenderId);
  const options = chosen && !lenders.some((l) => l.id === chosen.lenderId) ? [{ id: chosen.lenderId, name: chosen.lenderName } as Lender, ...lenders] : lenders;

  return (
    <div className="stack">
      <section className="card" aria-labelledby="commissions-title">
        <h1 id="commissions-title">{t('admin.commissions.title')}</h1>
        <p>{t('admin.commissions.intro')}</p>
        {overview && (
          <>
            <p data-testid="default-rule">
              <strong>{t('admin.commissions.default')}:</strong> {formatRate(overview.default.rate)} · {t('admin.commissions.minimum')} {formatEur(overview.default.minimum)} ·{' '}
              {t('admin.commissions.cap')} {overview.default.cap === null ? t('admin.commissions.noCap') : formatEur(overview.default.cap)}
            </p>
            <div className="table-scroll">
              <table data-testid="commission-rules">
                <thead>
                  <tr>
                    <th scope="col">{t('admin.commissions.lender')}</th>
                    <th scope="col" className="num">{t('admin.commissions.rate')}</th>
                    <th scope="col" className="num">{t('admin.commissions.minimum')}</th>
                    <th scope="col" className="num">{t('admin.commissions.cap')}</th>
                    <th scope="col">{t('admin.commissions.updated')}</th>
                    <th scope="col"><span className="sr-only">{t('admin.commissions.edit')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  {overview.items.map((r) => (
                    <tr key={r.lenderId}>
                      <th scope="row">
                        {r.lenderName} {r.demo && <span className="badge">{t('lenders.demo')}</span>}
                      </th>
                      <td className="num">{formatRate(r.rate)}</td>
                      <td className="num">{formatEur(r.minimum)}</td>
                      <td className="num">{r.cap === null ? t('admin.commissions.noCap') : formatEur(r.cap)}</td>
                      <td>{formatDateTime(r.updatedAt)}</td>
                      <td>
                        <button type="button" aria-label={t('admin.commissions.editFor', { name: r.lenderName })} onClick={() => void edit(r.lenderId)}>
                          {t('admin.commissions.edit')}
                        </button>
                      </td>
                    </tr>
                  ))}
                  {overview.items.length === 0 && (
                    <tr>
                      <td colSpan={6}>{t('admin.commissions.none')}</td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
      <form id="commission-form" className="card" onSubmit={submit} aria-labelledby="commission-form-title" noValidate>
        <h2 id="commission-form-title">{t('admin.commissions.form')}</h2>
        <ProblemAlert problem={problem} />
        <div className="grid">
          <Field label={t('admin.commissions.findLender')} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          <SelectField
            label={t('admin.commissions.chooseLender')}
            value={form.lenderId}
            onChange={(e) => (e.target.value ? void edit(e.target.value) : setForm({ lenderId: '', rate: '', minimum: '', cap: '' }))}
            error={errors.lenderId}
          >
            <option value="">–</option>
            {options.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </SelectField>
          <Field label={t('admin.commissions.ratePercent')} inputMode="decimal" value={form.rate} onChange={(e) => setForm({ ...form, rate: e.target.value })} error={errors.rate} />
          <Field label={t('admin.commissions.minimumEur')} inputMode="decimal" value={form.minimum} onChange={(e) => setForm({ ...form, minimum: e.target.value })} error={errors.minimum} />
          <Field label={t('admin.commissions.capEur')} inputMode="decimal" value={form.cap} onChange={(e) => setForm({ ...form, cap: e.target.value })} error={errors.cap} />
        </div>
        <div className="actions">
          <button className="primary" type="submit">
            {t('admin.commissions.save')}
          </button>
          {saved && <span role="status">{saved}</span>}
        </div>
      </form>
    </div>
  );
}
