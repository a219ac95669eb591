import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { Field, ProblemAlert, SelectField } from '../../components/Field';
import { formatDateTime } from '../../format';
import { Paging } from './Paging';

type AuditPage = components['schemas']['AuditPage'];
const FILTERS = ['actor', 'entityType', 'entityId', 'action', 'from', 'to'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
const PAGE_SIZE = 25;

/** Audit log search: who did what to which entity, when; newest first. Filters live in the URL. */
export function AuditLog() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const applied = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Filters;
  const page = Number(params.get('page') ?? '1') || 1;
  const [form, setForm] = useState<Filters>(applied);
  const [facets, setFacets] = useState<components['schemas']['AuditFacets']>({ actions: [], entityTypes: [] });
  const [result, setResult] = useState<AuditPage | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const key = params.toString();

  useEffect(() => {
    void api.GET('/api/v1/admin/audit/facets').then(({ data }) => data && setFacets(data));
  }, []);
  const load = useCallback(async () => {
    const query = Object.fromEntries(FILTERS.filter((f) => applied[f]).map((f) => [f, applied[f]]));
    const { data, error } = await api.GET('/api/v1/admin/audit', { params: { query: { ...query, page, pageSize: PAGE_SIZE } } });
    setProblem((error as Problem) ?? null);
    setResult(data ?? null);
  }, [key]);
  useEffect(() => {
    void load();
    setForm(applied);
  }, [load]);

  function search(e: FormEvent) {
    e.preventDefault();
    setParams(Object.fromEntries(FILTERS.filter((f) => form[f].trim()).map((f) => [f, form[f].trim()])));
  }
  const set = (f: keyof Filters) => (e: { target: { value: string } }) => setForm({ ...form, [f]: e.target.value });

  return (
    <section className="card" aria-labelledby="audit-title">
      <h1 id="audit-title">{t('admin.audit.title')}</h1>
      <form className="filters" onSubmit={search} role="search">
        <Field label={t('admin.audit.actor')} value={form.actor} onChange={set('actor')} />
        <SelectField label={t('admin.audit.entityType')} value={form.entityType} onChange={set('entityType')}>
          <option value="">{t('admin.audit.any')}</option>
          {facets.entityTypes.map((x) => (
            <option key={x} value={x}>
              {x}
            </option>
          ))}
        </SelectField>
        <Field label={t('admin.audit.entityId')} value={form.entityId} onChange={set('entityId')} />
        <SelectField label={t('admin.audit.action')} value={form.action} onChange={set('action')}>
          <option value="">{t('admin.audit.any')}</option>
          {facets.actions.map((x) => (
            <option key={x} value={x}>
              {x}
            </option>
          ))}
        </SelectField>
        <Field label={t('admin.audit.from')} type="date" value={form.from} onChange={set('from')} />
        <Field label={t('admin.audit.to')} type="date" value={form.to} onChange={set('to')} />
        <div className="actions">
          <button className="primary" type="submit">
            {t('admin.audit.search')}
          </button>
          <button type="button" onClick={() => setParams({})}>
            {t('admin.audit.reset')}
          </button>
        </div>
      </form>
      <ProblemAlert problem={problem} />
      <div className="table-scroll">
        <table data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.audit.at')}</th>
              <th scope="col">{t('admin.audit.who')}</th>
              <th scope="col">{t('admin.audit.what')}</th>
              <th scope="col">{t('admin.audit.entity')}</th>
              <th scope="col">{t('admin.audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {result?.items.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.at)}</td>
                <td>
                  {e.actorId ? (e.actorName ?? e.actorId) : t('admin.audit.system')}
                  <br />
                  <small>
                    {e.actorEmail ? `${e.actorEmail} · ` : ''}
                    {t(`roles.${e.actorRole}`, { defaultValue: e.actorRole })}
                  </small>
                </td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  {e.entityType}
                  <br />
                  <small>
                    <code>{e.entityId}</code>
                  </small>
                </td>
                <td>
                  {(e.before != null || e.after != null) && (
                    <details>
                      <summary>
                        <span aria-hidden="true">{t('admin.audit.details')}</span>
                        <span className="sr-only">{t('admin.audit.show', { id: e.id })}</span>
                      </summary>
                      {e.before != null && (
                        <>
                          <strong>{t('admin.audit.before')}</strong>
                          <pre className="json">{JSON.stringify(e.before, null, 2)}</pre>
                        </>
                      )}
                      {e.after != null && (
                        <>
                          <strong>{t('admin.audit.after')}</strong>
                          <pre className="json">{JSON.stringify(e.after, null, 2)}</pre>
                        </>
                      )}
                    </details>
                  )}
                </td>
              </tr>
            ))}
            {result?.items.length === 0 && (
              <tr>
                <td colSpan={5}>{t('admin.audit.none')}</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {result && (
        <Paging
          page={result.page}
          pageSize={result.pageSize}
          total={result.total}
          onPage={(p) => {
            const next = new URLSearchParams(params);
            next.set('page', String(p));
            setParams(next);
          }}
        />
      )}
    </section>
  );
}
