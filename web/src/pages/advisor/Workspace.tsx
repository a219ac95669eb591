import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { useAuth } from '../../auth';
import { ProblemAlert } from '../../components/Field';
import { formatDateTime, formatEur, parseAmount } from '../../format';
import { SlaBadge, useWaiting } from './parts';
import { FEDERAL_STATES, PRODUCTS } from '../../vocabulary';
import './advisor.css';

type CaseSummary = components['schemas']['CaseSummary'];
type Advisor = { id: string; name: string; role: string };

const STATUSES = ['submitted', 'in_review', 'matched', 'offered', 'accepted', 'signature_ready', 'signed', 'closed', 'withdrawn', 'rejected', 'expired'] as const;
const OPEN_STATUSES = 'submitted,in_review,matched,offered,accepted,signature_ready';
const SORTS = ['submittedAt', '-submittedAt', '-amount', 'amount', 'companyName', '-companyName'] as const;
const PAGE_SIZE = 25;
const FILTER_KEYS = ['status', 'product', 'amountMin', 'amountMax', 'region', 'waitingMinHours', 'serviceLevel', 'assignee', 'sort'] as const;
type Filters = Record<(typeof FILTER_KEYS)[number], string>;

/** "300.000" typed by a person → "300000.00"; the URL keeps what the API takes. */
const toApiAmount = (s: string) => (s.trim() ? parseAmount(s) : '');
const fromApiAmount = (s: string) => (s ? s.replace('.', ',').replace(/,00$/, '') : '');

/** The advisors' workspace: every submitted request with service level, assignee and quick actions. */
export function Workspace() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const id = useId();
  const waiting = useWaiting();
  const [params, setParams] = useSearchParams();
  const current = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ''])) as Filters;
  const offset = Number(params.get('offset') ?? '0') || 0;
  const [form, setForm] = useState<Filters>({ ...current, amountMin: fromApiAmount(current.amountMin), amountMax: fromApiAmount(current.amountMax) });
  const [data, setData] = useState<{ items: CaseSummary[]; total: number; serviceLevelHours: { amberHours: number; redHours: number } } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [advisors, setAdvisors] = useState<Advisor[]>([]);
  const [assignTo, setAssignTo] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const query = params.toString();

  const load = useCallback(async () => {
    const p = new URLSearchParams(query);
    const q: Record<string, string | number> = { limit: PAGE_SIZE, offset: Number(p.get('offset') ?? '0') || 0 };
    for (const k of FILTER_KEYS) if (p.get(k)) q[k] = p.get(k)!;
    // No status chosen: the open cases; "all" lifts the filter.
    if (!p.get('status')) q.status = OPEN_STATUSES;
    if (p.get('status') === 'all') delete q.status;
    const { data, error } = await api.GET('/api/v1/advisory/cases', { params: { query: q as never } });
    if (error) {
      setProblem(error as Problem);
      setData({ items: [], total: 0, serviceLevelHours: { amberHours: 4, redHours: 24 } });
      return;
    }
    setProblem(null);
    setData(data);
  }, [query]);

  useEffect(() => {
    setData(null);
    void load();
  }, [load]);
  useEffect(() => {
    void api.GET('/api/v1/advisory/advisors').then(({ data }) => setAdvisors(data?.items ?? []));
  }, []);

  function apply(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    const amounts = { amountMin: toApiAmount(form.amountMin), amountMax: toApiAmount(form.amountMax) };
    if (amounts.amountMin === null || amounts.amountMax === null) {
      setProblem({
        type: '/problems/validation',
        title: '',
        status: 400,
        detail: t('request.amountHint'),
        errors: [
          ...(amounts.amountMin === null ? [{ path: 'amountMin', message: t('request.amountHint') }] : []),
          ...(amounts.amountMax === null ? [{ path: 'amountMax', message: t('request.amountHint') }] : []),
        ],
      });
      return;
    }
    const values = { ...form, ...amounts };
    for (const k of FILTER_KEYS) if (values[k]) next.set(k, values[k] as string);
    setParams(next);
  }
  function reset() {
    setForm(Object.fromEntries(FILTER_KEYS.map((k) => [k, ''])) as Filters);
    setParams(new URLSearchParams());
  }
  function page(to: number) {
    const next = new URLSearchParams(params);
    if (to > 0) next.set('offset', String(to));
    else next.delete('offset');
    setParams(next);
  }

  async function take(c: CaseSummary) {
    const { error } = await api.POST('/api/v1/advisory/cases/{id}/take', { params: { path: { id: c.id } } });
    if (error) return setProblem(error as Problem);
    setStatus(t('advisor.queue.taken', { company: c.companyName }));
    await load();
  }
  async function assign(c: CaseSummary) {
    const advisorId = assignTo[c.id];
    if (!advisorId) return;
    const { data: res, error } = await api.POST('/api/v1/advisory/cases/{id}/assign', { params: { path: { id: c.id } }, body: { advisorId } });
    if (error) return setProblem(error as Problem);
    setStatus(t('advisor.assign.done', { name: res.case.assignee?.name ?? '' }));
    await load();
  }

  const errors = fieldErrors(problem ?? undefined);
  const field = (key: keyof Filters, label: string, control: React.ReactNode) => (
    <div className={`field${errors[key] ? ' has-error' : ''}`}>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      {control}
      {errors[key] && <small className="error">{errors[key]}</small>}
    </div>
  );
  const bind = (key: keyof Filters) => ({
    id: `${id}-${key}`,
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value })),
  });
  const hours = data?.serviceLevelHours ?? { amberHours: 4, redHours: 24 };
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('advisor.queue.title')}</h1>
      <p className="muted">{t('advisor.queue.lead', { amber: hours.amberHours, red: hours.redHours })}</p>
      <form onSubmit={apply} aria-label={t('advisor.queue.filters')} noValidate>
        <div className="filters">
          {field(
            'status',
            t('advisor.queue.status'),
            <select {...bind('status')}>
              <option value="">{t('advisor.queue.allOpen')}</option>
              <option value="all">{t('advisor.queue.all')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>,
          )}
          {field(
            'product',
            t('advisor.queue.product'),
            <select {...bind('product')}>
              <option value="">{t('advisor.queue.anyProduct')}</option>
              {PRODUCTS.map((p) => (
                <option key={p} value={p}>
                  {t(`products.${p}`)}
                </option>
              ))}
            </select>,
          )}
          {field('amountMin', t('advisor.queue.amountMin'), <input inputMode="decimal" {...bind('amountMin')} />)}
          {field('amountMax', t('advisor.queue.amountMax'), <input inputMode="decimal" {...bind('amountMax')} />)}
          {field(
            'region',
            t('advisor.queue.region'),
            <select {...bind('region')}>
              <option value="">{t('advisor.queue.anyRegion')}</option>
              {FEDERAL_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`advisor.federalStates.${s}`)}
                </option>
              ))}
            </select>,
          )}
          {field('waitingMinHours', t('advisor.queue.waitingMinHours'), <input type="number" min={0} step={1} {...bind('waitingMinHours')} />)}
          {field(
            'serviceLevel',
            t('advisor.queue.serviceLevel'),
            <select {...bind('serviceLevel')}>
              <option value="">{t('advisor.queue.anyServiceLevel')}</option>
              {(['red', 'amber', 'green'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`advisor.sla.${s}`)}
                </option>
              ))}
            </select>,
          )}
          {field(
            'assignee',
            t('advisor.queue.assignee'),
            <select {...bind('assignee')}>
              <option value="">{t('advisor.queue.anyAssignee')}</option>
              <option value="me">{t('advisor.queue.mine')}</option>
              <option value="unassigned">{t('advisor.queue.unassigned')}</option>
              {advisors.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>,
          )}
          {field(
            'sort',
            t('advisor.queue.sort'),
            <select {...bind('sort')}>
              {SORTS.map((s) => (
                <option key={s} value={s === 'submittedAt' ? '' : s}>
                  {t(`advisor.queue.sorts.${s}`)}
                </option>
              ))}
            </select>,
          )}
          <div className="filter-actions">
            <button className="primary" type="submit">
              {t('advisor.queue.apply')}
            </button>
            <button type="button" onClick={reset}>
              {t('advisor.queue.reset')}
            </button>
          </div>
        </div>
      </form>
      <p role="status">{status}</p>
      {problem && !Object.keys(errors).length && <ProblemAlert problem={problem} />}
      {!data && <p>{t('common.loading')}</p>}
      {data && (
        <p>
          <strong data-testid="case-total">{t('advisor.queue.total', { count: data.total })}</strong>
        </p>
      )}
      {data?.items.length === 0 && <p className="notice">{t('advisor.queue.empty')}</p>}
      {data && data.items.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
          <table data-testid="case-table" aria-labelledby={`${id}-title`}>
            <thead>
              <tr>
                <th scope="col">{t('advisor.queue.company')}</th>
                <th scope="col">{t('advisor.queue.product')}</th>
                <th scope="col" className="num">
                  {t('advisor.queue.amount')}
                </th>
                <th scope="col">{t('request.status')}</th>
                <th scope="col">{t('advisor.queue.submittedAt')}</th>
                <th scope="col">{t('advisor.queue.serviceLevel')}</th>
                <th scope="col">{t('advisor.queue.assignee')}</th>
                <th scope="col">
                  <span className="sr-only">{t('advisor.queue.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((c) => (
                <tr key={c.id} data-testid="case-row">
                  <td>
                    <Link to={`/advisor/cases/${c.id}`}>{c.companyName}</Link>
                    <div>
                      <small className="muted">{t(`advisor.federalStates.${c.federalState}`)}</small>
                      {c.unreadMessages > 0 && (
                        <>
                          {' '}
                          · <small>{t('advisor.queue.unreadMessages', { count: c.unreadMessages })}</small>
                        </>
                      )}
                      {c.openTasks > 0 && (
                        <>
                          {' '}
                          · <small>{t('advisor.queue.openTasks', { count: c.openTasks })}</small>
                        </>
                      )}
                    </div>
                  </td>
                  <td>{t(`products.${c.product}`)}</td>
                  <td className="num">{formatEur(c.amount)}</td>
                  <td>
                    <span className={`badge status-${c.status}`}>{t(`status.${c.status}`)}</span>
                  </td>
                  <td>{formatDateTime(c.submittedAt)}</td>
                  <td>
                    <SlaBadge level={c.serviceLevel} />
                    {c.serviceLevel.waitingMinutes !== null && (
                      <div>
                        <small>
                          {t('advisor.queue.waiting')}: {waiting(c.serviceLevel.waitingMinutes)}
                        </small>
                      </div>
                    )}
                  </td>
                  <td>
                    <div className="row-actions">
                      <span data-testid="assignee">{c.assignee ? c.assignee.name : <em>{t('advisor.assign.nobody')}</em>}</span>
                      {c.assignee?.id !== me?.id && (
                        <button type="button" onClick={() => take(c)} aria-label={`${t('advisor.queue.take')}: ${c.companyName}`}>
                          {t('advisor.queue.take')}
                        </button>
                      )}
                      <select
                        aria-label={`${t('advisor.assign.to')}: ${c.companyName}`}
                        value={assignTo[c.id] ?? ''}
                        onChange={(e) => setAssignTo((a) => ({ ...a, [c.id]: e.target.value }))}
                      >
                        <option value="">{t('advisor.assign.to')} …</option>
                        {advisors
                          .filter((a) => a.id !== c.assignee?.id)
                          .map((a) => (
                            <option key={a.id} value={a.id}>
                              {a.name}
                            </option>
                          ))}
                      </select>
                      <button type="button" disabled={!assignTo[c.id]} onClick={() => assign(c)} aria-label={`${t('advisor.assign.submit')}: ${c.companyName}`}>
                        {t('advisor.assign.submit')}
                      </button>
                    </div>
                  </td>
                  <td>
                    <Link to={`/advisor/cases/${c.id}`} aria-label={`${t('advisor.queue.open')}: ${c.companyName}`}>
                      {t('advisor.queue.open')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && data.total > PAGE_SIZE && (
        <nav className="pager" aria-label={t('advisor.queue.page', { page: offset / PAGE_SIZE + 1, pages })}>
          <button type="button" disabled={offset === 0} onClick={() => page(Math.max(0, offset - PAGE_SIZE))}>
            {t('advisor.queue.previous')}
          </button>
          <span>{t('advisor.queue.page', { page: Math.floor(offset / PAGE_SIZE) + 1, pages })}</span>
          <button type="button" disabled={offset + PAGE_SIZE >= data.total} onClick={() => page(offset + PAGE_SIZE)}>
            {t('advisor.queue.next')}
          </button>
        </nav>
      )}
    </section>
  );
}
