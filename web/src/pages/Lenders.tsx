import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, type Problem } from '../api/client';
import type { components } from '../api/schema';
import { useAuth } from '../auth';
import { ProblemAlert } from '../components/Field';
import { formatDateTime } from '../format';

type Lender = components['schemas']['Lender'];
type PolicyVersion = components['schemas']['CreditPolicyVersion'];

export function Lenders() {
  const { t } = useTranslation();
  const [items, setItems] = useState<Lender[] | null>(null);
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => {
      void api.GET('/api/v1/lenders', { params: { query: q ? { q } : {} } }).then(({ data }) => setItems(data?.items ?? []));
    }, 200);
    return () => clearTimeout(timer);
  }, [q]);
  return (
    <section className="card">
      <div className="card-head">
        <h1>{t('lenders.title')}</h1>
        <label>
          {t('lenders.search')} <input value={q} onChange={(e) => setQ(e.target.value)} type="search" />
        </label>
      </div>
      {items && <p>{t('lenders.count', { count: items.length })}</p>}
      {items?.some((l) => l.demo) && <p className="notice">{t('lenders.demoNotice')}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('lenders.name')}</th>
            <th scope="col">{t('lenders.type')}</th>
            <th scope="col">{t('lenders.region')}</th>
            <th scope="col">{t('lenders.version')}</th>
          </tr>
        </thead>
        <tbody>
          {items?.map((l) => (
            <tr key={l.id}>
              <td>
                <Link to={`/lenders/${l.id}`}>{l.name}</Link> {l.demo && <span className="badge">{t('lenders.demo')}</span>}
              </td>
              <td>{t(`lenderTypes.${l.type}`)}</td>
              <td>{l.federalState ? t(`lender.federalStates.${l.federalState}`) : t('lenders.nationwide')}</td>
              <td>{l.currentPolicyVersion}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function LenderDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { me } = useAuth();
  const [lender, setLender] = useState<Lender | null>(null);
  const [versions, setVersions] = useState<PolicyVersion[] | null>(null);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const canEdit = me?.role === 'admin' || me?.role === 'lender';

  async function load() {
    const l = await api.GET('/api/v1/lenders/{id}', { params: { path: { id } } });
    if (l.error) return setProblem(l.error as Problem);
    setLender(l.data);
    if (canEdit) {
      const v = await api.GET('/api/v1/lenders/{id}/policy/versions', { params: { path: { id } } });
      if (v.data) {
        setVersions(v.data.items);
        setText(JSON.stringify(v.data.items[0]?.policy ?? {}, null, 2));
      }
    }
  }
  useEffect(() => {
    void load();
  }, [id]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    let policy: unknown;
    try {
      policy = JSON.parse(text);
    } catch {
      return setProblem({ type: '', title: '', status: 400, detail: t('lenders.invalidJson') });
    }
    const { data, error } = await api.PUT('/api/v1/lenders/{id}/policy', {
      params: { path: { id } },
      body: policy as components['schemas']['CreditPolicyVersion']['policy'],
    });
    if (error) return setProblem(error as Problem);
    setProblem(null);
    setSaved(data.version);
    await load();
  }

  if (!lender) return problem ? <ProblemAlert problem={problem} /> : <p>{t('common.loading')}</p>;
  const errors = Object.entries(fieldErrors(problem ?? undefined));
  return (
    <div className="stack">
      <section className="card">
        <h1>
          {lender.name} {lender.demo && <span className="badge">{t('lenders.demo')}</span>}
        </h1>
        {lender.demo && <p className="notice">{t('lenders.demoNotice')}</p>}
        <dl className="facts">
          <dt>{t('lenders.type')}</dt>
          <dd>{t(`lenderTypes.${lender.type}`)}</dd>
          <dt>BIC</dt>
          <dd>{lender.bic ?? '–'}</dd>
          <dt>{t('lenders.region')}</dt>
          <dd>{lender.federalState ? t(`lender.federalStates.${lender.federalState}`) : t('lenders.nationwide')}</dd>
          <dt>{t('lenders.version')}</dt>
          <dd>{lender.currentPolicyVersion}</dd>
        </dl>
      </section>
      {canEdit && versions && (
        <form className="card" onSubmit={onSubmit}>
          <h2>{t('lenders.policy')}</h2>
          <ProblemAlert problem={problem} />
          {errors.length > 0 && (
            <ul className="error">
              {errors.map(([path, msg]) => (
                <li key={path}>
                  <code>{path}</code>: {msg}
                </li>
              ))}
            </ul>
          )}
          <label htmlFor="policy" className="sr-only">
            {t('lenders.policy')}
          </label>
          <textarea id="policy" className="code" rows={18} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
          <div className="actions">
            <button className="primary" type="submit">
              {t('lenders.savePolicy')}
            </button>
            {saved && <span role="status">{t('lenders.saved', { version: saved })}</span>}
          </div>
          <h3>{t('lenders.versions')}</h3>
          <ul className="list">
            {versions.map((v) => (
              <li key={v.version}>
                {t('lenders.version')} {v.version} · {formatDateTime(v.createdAt)} {v.current && <span className="badge">✓</span>}
              </li>
            ))}
          </ul>
        </form>
      )}
    </div>
  );
}
