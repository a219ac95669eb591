import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, type Problem } from '../api/client';
import type { components } from '../api/schema';
import { ProblemAlert } from '../components/Field';
import { formatDate, formatDateTime } from '../format';

type Consents = components['schemas']['Consents'];
const KINDS = ['dataProcessing', 'lenderSharing', 'marketing'] as const;

export function ConsentsPage() {
  const { id = '' } = useParams();
  return <ConsentsForm companyId={id} />;
}

/** Text versions are dated ("2026-11-01"); shown as a date in the reader's format. */
const versionLabel = (version: string) => (/^\d{4}-\d{2}-\d{2}$/.test(version) ? formatDate(`${version}T12:00:00Z`) : version);

/** Consents with their texts and history; a page of its own and a step of the request wizard. */
export function ConsentsForm({ companyId: id, embedded = false, onSaved }: { companyId: string; embedded?: boolean; onSaved?: (c: Consents) => void }) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<Consents | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void api.GET('/api/v1/companies/{id}/consents', { params: { path: { id } } }).then(({ data, error }) => {
      if (error) setProblem(error as Problem);
      else setState(data);
    });
  }, [id]);
  if (problem && !state) return <ProblemAlert problem={problem} />;
  if (!state) return <p>{t('common.loading')}</p>;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body = { dataProcessing: f.has('dataProcessing'), lenderSharing: f.has('lenderSharing'), marketing: f.has('marketing') };
    const { data, error } = await api.PUT('/api/v1/companies/{id}/consents', { params: { path: { id } }, body });
    if (error) return setProblem(error as Problem);
    setProblem(null);
    setState(data);
    setSaved(true);
    onSaved?.(data);
  }

  return (
    <div className="stack">
      <form className="card" onSubmit={onSubmit}>
        {embedded ? <h2>{t('consents.title')}</h2> : <h1>{t('consents.title')}</h1>}
        <ProblemAlert problem={problem} />
        {KINDS.map((kind) => {
          const text = state.texts.find((x) => x.kind === kind)!;
          return (
            <label key={kind} className="consent">
              <input type="checkbox" name={kind} defaultChecked={state[kind]} />
              <span>
                <strong>{t(`consents.${kind}`)}</strong>
                <br />
                {i18n.language === 'en' ? text.en : text.de}{' '}
                <small>
                  ({t('consents.version')} {versionLabel(text.version)})
                </small>
              </span>
            </label>
          );
        })}
        <button className="primary" type="submit">
          {t('consents.save')}
        </button>
        {saved && <span role="status"> {t('consents.saved')}</span>} {!embedded && <Link to="/dashboard">{t('common.back')}</Link>}
      </form>
      <section className="card">
        <h2>{t('consents.history')}</h2>
        {state.history.length === 0 && <p>{t('common.none')}</p>}
        <ul className="list">
          {state.history.map((h, i) => (
            <li key={i}>
              {formatDateTime(h.givenAt)} · {t(`consents.${h.kind}`)}{' '}
              {/* "withdrawn" only where it had been given before (the list is newest first); a first "no" was simply not given */}
              {h.granted
                ? t('consents.granted')
                : state.history.slice(i + 1).some((o) => o.kind === h.kind && o.granted)
                  ? t('consents.revoked')
                  : t('consents.notGiven')}{' '}
              ({t('consents.version')} {versionLabel(h.textVersion)}) {t('consents.by')} {h.givenBy.name}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
