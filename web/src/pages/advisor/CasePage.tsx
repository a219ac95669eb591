import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { useAuth } from '../../auth';
import { ProblemAlert } from '../../components/Field';
import { MatchPanel } from '../../components/MatchPanel';
import { Messages } from '../../components/Messages';
import { RatingPanel } from '../../components/RatingPanel';
import { formatDate, formatDateTime, formatEur, formatRate } from '../../format';
import { SlaBadge, useWaiting } from './parts';
import './advisor.css';

type Case = components['schemas']['Case'];
type Advisor = { id: string; name: string; role: string };

const FIGURES = ['revenue', 'ebitda', 'ebit', 'interestExpense', 'netIncome', 'totalAssets', 'equity', 'liabilitiesShortTerm', 'liabilitiesLongTerm', 'cash', 'currentAssets', 'currentLiabilities'] as const;

/** One case on one page: who holds it, the company and its figures, every lender explained, answers, notes, tasks, messages. */
export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [data, setData] = useState<Case | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const load = useCallback(async () => {
    const { data, error } = await api.GET('/api/v1/advisory/cases/{id}', { params: { path: { id } } });
    if (error) return setProblem(error as Problem);
    setProblem(null);
    setData(data);
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!data) return problem ? <ProblemAlert problem={problem} /> : <p>{t('common.loading')}</p>;
  const c = data.case;
  return (
    <div className="stack">
      <p>
        <Link to="/advisor/queue">← {t('advisor.case.back')}</Link>
      </p>
      <Header data={data} onChanged={load} />
      <div className="case-grid">
        <section className="card" aria-labelledby="case-request">
          <h2 id="case-request">{t('advisor.case.request')}</h2>
          <dl className="facts">
            <dt>{t('advisor.queue.product')}</dt>
            <dd>{t(`products.${c.product}`)}</dd>
            <dt>{t('advisor.queue.amount')}</dt>
            <dd data-testid="case-amount">{formatEur(c.amount)}</dd>
            <dt>{t('advisor.case.termMonths')}</dt>
            <dd>{t('advisor.case.months', { count: c.termMonths })}</dd>
            <dt>{t('advisor.case.purpose')}</dt>
            <dd>{data.purpose}</dd>
            <dt>{t('advisor.queue.submittedAt')}</dt>
            <dd>{formatDateTime(c.submittedAt)}</dd>
          </dl>
          <p>
            <Link to={`/requests/${c.id}`}>{t('advisor.case.openRequest')}</Link>
          </p>
        </section>
        <section className="card" aria-labelledby="case-company">
          <h2 id="case-company">{t('advisor.case.company')}</h2>
          <dl className="facts">
            <dt>{t('advisor.queue.company')}</dt>
            <dd>{data.company.name}</dd>
            <dt>{t('advisor.case.legalForm')}</dt>
            <dd>{t(`legalForms.${data.company.legalForm}`, { defaultValue: data.company.legalForm })}</dd>
            {data.company.registerNumber && (
              <>
                <dt>{t('advisor.case.register')}</dt>
                <dd>{data.company.registerNumber}</dd>
              </>
            )}
            <dt>{t('advisor.case.address')}</dt>
            <dd>
              {data.company.street}, {data.company.postalCode} {data.company.city}
            </dd>
            <dt>{t('advisor.case.region')}</dt>
            <dd>{t(`advisor.federalStates.${data.company.federalState}`)}</dd>
            <dt>{t('advisor.case.industry')}</dt>
            <dd>
              {data.company.industryCode} {data.company.industryLabel}
            </dd>
            <dt>{t('advisor.case.foundedOn')}</dt>
            <dd>{formatDate(data.company.foundedOn)}</dd>
            <dt>{t('advisor.case.employees')}</dt>
            <dd>{data.company.employees}</dd>
            <dt>{t('advisor.case.revenue')}</dt>
            <dd>{formatEur(data.company.annualRevenue)}</dd>
          </dl>
        </section>
      </div>
      <Financials items={data.financials} />
      <RatingPanel requestId={c.id} version={c.status} />
      <MatchPanel requestId={c.id} canRematch={['submitted', 'in_review', 'matched'].includes(c.status)} onRematched={load} />
      <Dispatches data={data} />
      <Offers data={data} />
      <div className="case-grid">
        <Notes requestId={c.id} notes={data.notes} onAdded={load} />
        <Tasks requestId={c.id} tasks={data.tasks} onChanged={load} />
      </div>
      <Messages requestId={c.id} viewer="staff" />
    </div>
  );
}

function Header({ data, onChanged }: { data: Case; onChanged: () => void }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const id = useId();
  const waiting = useWaiting();
  const c = data.case;
  const [advisors, setAdvisors] = useState<Advisor[]>([]);
  const [advisorId, setAdvisorId] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    void api.GET('/api/v1/advisory/advisors').then(({ data }) => setAdvisors(data?.items ?? []));
  }, []);
  async function take() {
    const { data: res, error } = await api.POST('/api/v1/advisory/cases/{id}/take', { params: { path: { id: c.id } } });
    if (error) return setProblem(error as Problem);
    setProblem(null);
    setStatus(t('advisor.queue.taken', { company: res.case.companyName }));
    onChanged();
  }
  async function assign(e: FormEvent) {
    e.preventDefault();
    if (!advisorId) return;
    const { data: res, error } = await api.POST('/api/v1/advisory/cases/{id}/assign', { params: { path: { id: c.id } }, body: { advisorId } });
    if (error) return setProblem(error as Problem);
    setProblem(null);
    setAdvisorId('');
    setStatus(t('advisor.assign.done', { name: res.case.assignee?.name ?? '' }));
    onChanged();
  }
  const mine = c.assignee?.id === me?.id;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('advisor.case.title', { company: c.companyName })}</h1>
      <p>
        <span className={`badge status-${c.status}`} data-testid="case-status">
          {t(`status.${c.status}`)}
        </span>{' '}
        <SlaBadge level={c.serviceLevel} /> {c.serviceLevel.waitingMinutes !== null && <span>{waiting(c.serviceLevel.waitingMinutes)}</span>}
      </p>
      <dl className="facts">
        <dt>{t('advisor.assign.assignee')}</dt>
        <dd data-testid="case-assignee">
          {c.assignee ? c.assignee.name : <em>{t('advisor.assign.nobody')}</em>}
          {mine && <> · {t('advisor.assign.mine')}</>}
        </dd>
      </dl>
      <div className="actions">
        {!mine && (
          <button className="primary" type="button" onClick={take}>
            {t('advisor.assign.take')}
          </button>
        )}
        <form className="row-actions" onSubmit={assign}>
          <label htmlFor={`${id}-to`}>{t('advisor.assign.to')}</label>
          <select id={`${id}-to`} value={advisorId} onChange={(e) => setAdvisorId(e.target.value)}>
            <option value="">–</option>
            {advisors
              .filter((a) => a.id !== c.assignee?.id)
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
          </select>
          <button type="submit" disabled={!advisorId}>
            {t('advisor.assign.submit')}
          </button>
        </form>
      </div>
      <p role="status">{status}</p>
      <ProblemAlert problem={problem} />
      {data.assignmentHistory.length > 0 && (
        <details>
          <summary>{t('advisor.assign.history')}</summary>
          <ol className="timeline">
            {data.assignmentHistory.map((h, i) => (
              <li key={i}>
                <time dateTime={h.at}>{formatDateTime(h.at)}</time> · {h.advisor?.name ?? '–'} · {t(`advisor.assign.method.${h.method}`)}
                {h.by && <> · {t('advisor.assign.by', { name: h.by.name })}</>}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}

function Financials({ items }: { items: Case['financials'] }) {
  const { t } = useTranslation();
  const years = [...items].sort((a, b) => Number(a.fiscalYear) - Number(b.fiscalYear));
  return (
    <section className="card" aria-labelledby="case-financials">
      <h2 id="case-financials">{t('advisor.case.financials')}</h2>
      {years.length === 0 && <p className="muted">{t('advisor.case.noFinancials')}</p>}
      {years.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('advisor.case.figure')}</th>
                {years.map((y) => (
                  <th scope="col" className="num" key={String(y.fiscalYear)}>
                    {y.fiscalYear}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {FIGURES.map((f) => (
                <tr key={f}>
                  <th scope="row">{t(`financials.fields.${f}`)}</th>
                  {years.map((y) => (
                    <td className="num" key={String(y.fiscalYear)}>
                      {y[f] === undefined || y[f] === null ? '–' : formatEur(y[f] as string)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Dispatches({ data }: { data: Case }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="case-dispatches">
      <h2 id="case-dispatches">{t('advisor.case.dispatches')}</h2>
      {data.dispatches.length === 0 && <p className="muted">{t('advisor.case.noDispatches')}</p>}
      <ul className="list">
        {data.dispatches.map((d) => (
          <li key={d.id}>
            {d.rank}. {d.lenderName} {d.demo && <span className="badge">{t('lenders.demo')}</span>} ·{' '}
            <span className={`badge dispatch-${d.status}`}>{t(`advisor.case.dispatchStatus.${d.status}`)}</span>
            {d.respondedAt && <small> · {t('advisor.case.respondedAt', { at: formatDateTime(d.respondedAt) })}</small>}
            {d.declineReason && <small> · {d.declineReason}</small>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Offers({ data }: { data: Case }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="case-offers">
      <h2 id="case-offers">{t('advisor.case.offers')}</h2>
      {data.offers.length === 0 && <p className="muted">{t('advisor.case.noOffers')}</p>}
      {data.offers.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('advisor.case.lender')}</th>
                <th scope="col" className="num">
                  {t('advisor.queue.amount')}
                </th>
                <th scope="col" className="num">
                  {t('advisor.case.effectiveRate')}
                </th>
                <th scope="col" className="num">
                  {t('advisor.case.instalment')}
                </th>
                <th scope="col" className="num">
                  {t('advisor.case.totalCost')}
                </th>
                <th scope="col">{t('advisor.case.offerStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {data.offers.map((o) => (
                <tr key={o.id}>
                  <td>{o.lender.name}</td>
                  <td className="num">{formatEur(o.amount)}</td>
                  <td className="num">{formatRate(o.effectiveAnnualRate)}</td>
                  <td className="num">{formatEur(o.instalment)}</td>
                  <td className="num">{formatEur(o.totalCost)}</td>
                  <td>
                    <span className={`badge offer-${o.status}`}>{o.expired ? t('offers.expired') : t(`offers.status.${o.status}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Notes({ requestId, notes, onAdded }: { requestId: string; notes: Case['notes']; onAdded: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  async function add(e: FormEvent) {
    e.preventDefault();
    const { error } = await api.POST('/api/v1/advisory/cases/{id}/notes', { params: { path: { id: requestId } }, body: { body } });
    if (error) return setProblem(error as Problem);
    setProblem(null);
    setBody('');
    setStatus(t('advisor.notes.saved'));
    onAdded();
  }
  const errors = fieldErrors(problem ?? undefined);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('advisor.notes.title')}</h2>
      <p className="muted">
        <small>{t('advisor.notes.hint')}</small>
      </p>
      {notes.length === 0 && <p className="muted">{t('advisor.notes.none')}</p>}
      <ul className="list" data-testid="notes">
        {notes.map((n) => (
          <li key={n.id}>
            <small className="muted">
              {n.author.name} · <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
            </small>
            <p className="note-body">{n.body}</p>
          </li>
        ))}
      </ul>
      <form onSubmit={add} noValidate>
        <div className={`field${errors.body ? ' has-error' : ''}`}>
          <label htmlFor={`${id}-body`}>{t('advisor.notes.new')}</label>
          <textarea id={`${id}-body`} rows={3} maxLength={5000} value={body} onChange={(e) => setBody(e.target.value)} aria-invalid={!!errors.body} />
          {errors.body && <small className="error">{errors.body}</small>}
        </div>
        {problem && !errors.body && <ProblemAlert problem={problem} />}
        <button type="submit" disabled={body.trim() === ''}>
          {t('advisor.notes.add')}
        </button>{' '}
        <span role="status">{status}</span>
      </form>
    </section>
  );
}

function Tasks({ requestId, tasks, onChanged }: { requestId: string; tasks: Case['tasks']; onChanged: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  async function add(e: FormEvent) {
    e.preventDefault();
    // datetime-local is the browser's local time; the API takes an instant with offset.
    const dueAt = due ? new Date(due).toISOString() : undefined;
    const { error } = await api.POST('/api/v1/advisory/tasks', { body: { requestId, title, kind: 'custom', ...(dueAt ? { dueAt } : {}) } });
    if (error) return setProblem(error as Problem);
    setProblem(null);
    setTitle('');
    setDue('');
    setStatus(t('advisor.tasks.added'));
    onChanged();
  }
  async function complete(taskId: string) {
    const { error } = await api.POST('/api/v1/advisory/tasks/{id}/complete', { params: { path: { id: taskId } } });
    if (error) return setProblem(error as Problem);
    onChanged();
  }
  const errors = fieldErrors(problem ?? undefined);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('advisor.tasks.title')}</h2>
      {tasks.length === 0 && <p className="muted">{t('advisor.tasks.none')}</p>}
      <ul className="list tasks" data-testid="tasks">
        {tasks.map((task) => (
          <li key={task.id}>
            <span className={task.status === 'done' ? 'task-done' : undefined}>
              <strong>{task.title}</strong>
              <br />
              <small>
                {t(`advisor.tasks.kind.${task.kind}`)} · {task.dueAt ? t('advisor.tasks.dueAt', { at: formatDateTime(task.dueAt) }) : t('advisor.tasks.noDue')}
                {task.assigneeName && <> · {t('advisor.tasks.assignee', { name: task.assigneeName })}</>}
              </small>{' '}
              {task.overdue && <span className="sla sla-red">{t('advisor.tasks.overdue')}</span>}
              {task.status === 'done' && <span className="badge">{t('advisor.tasks.done')}</span>}
            </span>
            {task.status === 'open' && (
              <button type="button" onClick={() => complete(task.id)} aria-label={t('advisor.tasks.completeLabel', { title: task.title })}>
                {t('advisor.tasks.complete')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={add} noValidate>
        <div className={`field${errors.title ? ' has-error' : ''}`}>
          <label htmlFor={`${id}-task`}>{t('advisor.tasks.taskTitle')}</label>
          <input id={`${id}-task`} value={title} maxLength={500} onChange={(e) => setTitle(e.target.value)} aria-invalid={!!errors.title} />
          {errors.title && <small className="error">{errors.title}</small>}
        </div>
        <div className={`field${errors.dueAt ? ' has-error' : ''}`}>
          <label htmlFor={`${id}-due`}>{t('advisor.tasks.due')}</label>
          <input id={`${id}-due`} type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} aria-describedby={`${id}-due-hint`} />
          <small id={`${id}-due-hint`}>{t('advisor.tasks.dueHint')}</small>
          {errors.dueAt && <small className="error">{errors.dueAt}</small>}
        </div>
        {problem && !errors.title && !errors.dueAt && <ProblemAlert problem={problem} />}
        <button type="submit" disabled={title.trim() === ''}>
          {t('advisor.tasks.add')}
        </button>{' '}
        <span role="status">{status}</span>
      </form>
    </section>
  );
}
