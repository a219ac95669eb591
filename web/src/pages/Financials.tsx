import { useCallback, useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, type Problem } from '../api/client';
import { Field, ProblemAlert } from '../components/Field';
import { formatEur, parseAmount } from '../format';

/** The statement figures in the order a German balance sheet and P&L reads. */
const FIELDS = [
  'revenue',
  'ebitda',
  'ebit',
  'interestExpense',
  'netIncome',
  'totalAssets',
  'equity',
  'liabilitiesShortTerm',
  'liabilitiesLongTerm',
  'cash',
  'currentAssets',
  'currentLiabilities',
] as const;
const SIGNED = new Set(['ebitda', 'ebit', 'netIncome', 'equity']);
type Statement = Record<string, string | number>;

/** "-1.250,00" → "-1250.00": German input, signed where the figure may be negative. */
function parseSigned(input: string): string | null {
  const s = input.trim();
  const negative = s.startsWith('-');
  const abs = parseAmount(negative ? s.slice(1) : s);
  return abs === null ? null : negative ? `-${abs}` : abs;
}

export function Financials() {
  const { id = '' } = useParams();
  return <FinancialsEditor companyId={id} />;
}

/** Statements table, CSV import and the entry form; a page of its own and a step of the request wizard. */
export function FinancialsEditor({ companyId: id, embedded = false, onChange }: { companyId: string; embedded?: boolean; onChange?: (years: number) => void }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Statement[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const errors = { ...fieldErrors(problem ?? undefined), ...local };

  const load = useCallback(async () => {
    const { data, error } = await api.GET('/api/v1/companies/{id}/financials', { params: { path: { id } } });
    if (error) setProblem(error as Problem);
    else {
      setItems(data.items);
      onChange?.(data.items.length);
    }
  }, [id, onChange]);
  useEffect(() => {
    void load();
  }, [load]);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const fiscalYear = Number(f.get('fiscalYear'));
    const body: Record<string, string | number> = { fiscalYear };
    const bad: Record<string, string> = {};
    for (const k of FIELDS) {
      const v = (SIGNED.has(k) ? parseSigned : parseAmount)(String(f.get(k) ?? ''));
      if (v === null) bad[k] = t('financials.amountHint');
      else body[k] = v;
    }
    setLocal(bad);
    if (Object.keys(bad).length) return;
    const { error } = await api.PUT('/api/v1/companies/{id}/financials/{fiscalYear}', {
      params: { path: { id, fiscalYear } },
      body: body as never,
    });
    if (error) return setProblem(error as Problem);
    setProblem(null);
    setSaved(t('financials.saved', { year: fiscalYear }));
    await load();
  }

  async function onCsv(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    const text = await file.text();
    const { error } = await api.POST('/api/v1/companies/{id}/financials/import', {
      params: { path: { id } },
      body: text,
      bodySerializer: (b: string) => b,
      headers: { 'content-type': 'text/csv' },
    });
    e.target.value = '';
    if (error) return setProblem(error as Problem);
    setProblem(null);
    setSaved(t('financials.imported'));
    await load();
  }

  if (!items) return problem ? <ProblemAlert problem={problem} /> : <p>{t('common.loading')}</p>;
  return (
    <div className="stack">
      <section className="card">
        {embedded ? <h2>{t('financials.title')}</h2> : <h1>{t('financials.title')}</h1>}
        <p className="muted">{t('financials.lead')}</p>
        {items.length === 0 ? (
          <p>{t('financials.none')}</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('financials.figure')}</th>
                  {items.map((s) => (
                    <th scope="col" className="num" key={String(s.fiscalYear)}>
                      {s.fiscalYear}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {FIELDS.map((k) => (
                  <tr key={k}>
                    <th scope="row">{t(`financials.fields.${k}`)}</th>
                    {items.map((s) => (
                      <td className="num" key={String(s.fiscalYear)}>
                        {formatEur(String(s[k]))}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {saved && <p role="status">{saved}</p>}
        <ProblemAlert problem={problem} />
        {problem?.errors && problem.errors.some((er) => er.path.startsWith('line')) && (
          <ul className="error">
            {problem.errors.map((er, i) => (
              <li key={i}>
                {er.path}: {er.message}
              </li>
            ))}
          </ul>
        )}
        <div className="field">
          <label htmlFor="csv">{t('financials.csv')}</label>
          <input id="csv" type="file" accept=".csv,text/csv" onChange={onCsv} />
          <small>{t('financials.csvHint')}</small>
        </div>
        {!embedded && <Link to="/dashboard">{t('common.back')}</Link>}
      </section>
      <form className="card" onSubmit={onSubmit} noValidate>
        {embedded ? <h3>{t('financials.enterYear')}</h3> : <h2>{t('financials.enterYear')}</h2>}
        <div className="grid">
          <Field label={t('financials.fields.fiscalYear')} name="fiscalYear" type="number" min={1990} max={2100} defaultValue={new Date().getFullYear() - 1} error={errors.fiscalYear} />
          {FIELDS.map((k) => (
            <Field key={k} label={t(`financials.fields.${k}`)} name={k} inputMode="decimal" error={errors[k]} />
          ))}
        </div>
        <button className="primary" type="submit">
          {t('financials.save')}
        </button>
      </form>
    </div>
  );
}
