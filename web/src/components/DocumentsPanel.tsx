import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Problem } from '../api/client';
import type { components } from '../api/schema';
import { formatDate, formatDateTime } from '../format';
import { Field, ProblemAlert, SelectField } from './Field';
import {
  COMPANY_WIDE_KINDS,
  formatBytes,
  KINDS_WITH_AS_OF,
  KINDS_WITH_FISCAL_YEAR,
  MAX_UPLOAD_BYTES,
  UPLOAD_ACCEPT,
  uploadProblemText,
  uploadWithProgress,
} from './documents-upload';

export type DocumentItem = components['schemas']['Document'];
type ChecklistItem = components['schemas']['DocumentChecklistItem'];
type DocumentKind = DocumentItem['kind'];

export const DOCUMENT_KINDS: DocumentKind[] = [
  'annual_statement',
  'bwa',
  'susa',
  'tax_assessment',
  'bank_statement',
  'asset_offer',
  'debtor_list',
  'property_docs',
  'business_plan',
  'id_document',
  'other',
];

export interface DocumentsPanelProps {
  /** Documents of this request (with its checklist); without it, the company's documents. */
  requestId?: string;
  companyId: string;
  /** Fewer columns and no heading card chrome, e.g. as a step of the request wizard. */
  compact?: boolean;
  /** Only list and download (e.g. for staff looking on). */
  readOnly?: boolean;
  /** Called after an upload or a deletion. */
  onChange?: () => void;
  /** Changes when documents changed elsewhere (e.g. another window uploaded one): the panel reloads. */
  version?: number;
}

/**
 * Documents of a request or a company: the product's checklist with what is missing, the uploaded
 * documents with download links, and an upload form with a real progress bar.
 */
export function DocumentsPanel({ requestId, companyId, compact = false, readOnly = false, onChange, version = 0 }: DocumentsPanelProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const [items, setItems] = useState<DocumentItem[] | null>(null);
  const [checklist, setChecklist] = useState<{ checklist: ChecklistItem[]; missing: ChecklistItem[] } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [status, setStatus] = useState('');

  const load = useCallback(async () => {
    if (requestId) {
      const { data, error } = await api.GET('/api/v1/financing-requests/{id}/documents', { params: { path: { id: requestId } } });
      if (error) return setProblem(error as Problem);
      setItems(data.items);
      setChecklist({ checklist: data.checklist, missing: data.missing });
    } else {
      const { data, error } = await api.GET('/api/v1/companies/{id}/documents', { params: { path: { id: companyId } } });
      if (error) return setProblem(error as Problem);
      setItems(data.items);
      setChecklist(null);
    }
    setProblem(null);
  }, [requestId, companyId]);

  useEffect(() => {
    void load();
  }, [load, version]);

  const changed = useCallback(
    async (message: string) => {
      setStatus(message);
      await load();
      onChange?.();
    },
    [load, onChange],
  );

  async function remove(doc: DocumentItem) {
    if (!window.confirm(t('documents.list.deleteConfirm', { name: doc.filename }))) return;
    const { error } = await api.DELETE('/api/v1/documents/{id}', { params: { path: { id: doc.id } } });
    if (error) {
      const p = error as Problem;
      return setProblem({ ...p, detail: p.status === 409 ? t('documents.errors.locked') : uploadProblemText(p, t).message });
    }
    await changed(t('documents.list.deleted', { name: doc.filename }));
  }

  return (
    <section className={compact ? 'documents compact' : 'card documents'} aria-labelledby={titleId} data-testid="documents-panel">
      <h2 id={titleId}>{t('documents.title')}</h2>
      <ProblemAlert problem={problem} />
      <p className="sr-only" role="status" aria-live="polite">
        {status}
      </p>
      {items === null && !problem && <p>{t('documents.loading')}</p>}
      {checklist && <Checklist {...checklist} />}
      {items && <DocumentList items={items} onDelete={readOnly ? undefined : remove} showScope={!!requestId} compact={compact} />}
      {!readOnly && <UploadForm requestId={requestId} companyId={companyId} onUploaded={(name) => changed(t('documents.upload.done', { name }))} />}
    </section>
  );
}

function itemLabel(item: ChecklistItem, t: ReturnType<typeof useTranslation>['t']): string {
  let s = t(`documents.kinds.${item.kind}`);
  if (item.fiscalYear) s += ` · ${t('documents.checklist.fiscalYear', { year: item.fiscalYear })}`;
  if (item.maxAgeMonths) s += ` (${t('documents.checklist.maxAge', { count: item.maxAgeMonths })})`;
  return s;
}

function Checklist({ checklist, missing }: { checklist: ChecklistItem[]; missing: ChecklistItem[] }) {
  const { t } = useTranslation();
  return (
    <div className="checklist">
      <h3>{t('documents.checklist.title')}</h3>
      <p className={missing.length > 0 ? 'notice' : undefined} data-testid="documents-missing">
        {missing.length > 0 ? t('documents.checklist.missing', { count: missing.length }) : t('documents.checklist.allThere')}
      </p>
      <ul className="list">
        {checklist.map((item, i) => (
          <li key={`${item.kind}-${item.fiscalYear ?? i}`} className={item.satisfied ? 'done' : item.required ? 'open' : undefined}>
            <span aria-hidden="true" className={item.satisfied ? 'check ok' : 'check'}>
              {item.satisfied ? '✓' : '○'}
            </span>{' '}
            <span className="sr-only">{item.satisfied ? t('documents.checklist.satisfied') : t('documents.checklist.notSatisfied')}: </span>
            {itemLabel(item, t)} <span className="badge">{item.required ? t('documents.checklist.required') : t('documents.checklist.optional')}</span>
            {item.replaces && (
              <>
                <br />
                <small className="muted">{t('documents.checklist.businessPlanInstead')}</small>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The documents as a table with download links; reusable read-only (e.g. in the lender portal). */
export function DocumentList({
  items,
  onDelete,
  showScope = false,
  compact = false,
}: {
  items: DocumentItem[];
  onDelete?: (doc: DocumentItem) => void;
  showScope?: boolean;
  compact?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  if (items.length === 0) return <p data-testid="documents-none">{t('documents.list.none')}</p>;
  return (
    <>
      <h3 id={titleId}>{t('documents.list.title')}</h3>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={titleId}>
        <table data-testid="documents-list" aria-labelledby={titleId}>
          <thead>
            <tr>
              <th scope="col">{t('documents.list.kind')}</th>
              <th scope="col">{t('documents.list.file')}</th>
              {!compact && (
                <th scope="col" className="num">
                  {t('documents.list.size')}
                </th>
              )}
              {!compact && <th scope="col">{t('documents.list.uploadedAt')}</th>}
              {showScope && <th scope="col">{t('documents.list.scope')}</th>}
              {onDelete && <th scope="col">{t('documents.list.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id}>
                <td>
                  {t(`documents.kinds.${d.kind}`)}
                  {d.fiscalYear && <> {d.fiscalYear}</>}
                  {d.asOf && (
                    <>
                      <br />
                      <small className="muted">
                        {t('documents.list.asOf')}: {formatDate(d.asOf)}
                      </small>
                    </>
                  )}
                </td>
                <td>
                  <a href={d.downloadUrl} download={d.filename} aria-label={t('documents.list.download', { name: d.filename })}>
                    {d.filename}
                  </a>
                </td>
                {!compact && <td className="num">{formatBytes(d.size, i18n.language)}</td>}
                {!compact && <td>{formatDateTime(d.uploadedAt)}</td>}
                {showScope && <td>{d.requestId ? t('documents.list.scopeRequest') : t('documents.list.scopeCompany')}</td>}
                {onDelete && (
                  <td>
                    <button type="button" className="link" onClick={() => onDelete(d)} aria-label={t('documents.list.deleteLabel', { name: d.filename })}>
                      {t('documents.list.delete')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function UploadForm({ requestId, companyId, onUploaded }: { requestId?: string; companyId: string; onUploaded: (name: string) => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const companyWideId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [kind, setKind] = useState<string>('');
  const [companyWide, setCompanyWide] = useState<boolean | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const useCompany = !requestId || (companyWide ?? COMPANY_WIDE_KINDS.includes(kind));

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const file = data.get('file');
    const fiscalYear = String(data.get('fiscalYear') ?? '').trim();
    const asOf = String(data.get('asOf') ?? '').trim();
    const local: Record<string, string> = {};
    if (!kind) local.kind = t('documents.errors.fields.kind');
    if (KINDS_WITH_FISCAL_YEAR.includes(kind) && !/^\d{4}$/.test(fiscalYear)) local.fiscalYear = t('documents.errors.fields.fiscalYear');
    if (!(file instanceof File) || file.size === 0) local.file = t('documents.errors.fields.file');
    else if (file.size > MAX_UPLOAD_BYTES) local.file = t('documents.errors.tooLarge');
    setFields(local);
    if (Object.keys(local).length > 0) return setMessage(t('documents.errors.validation'));

    const form = new FormData();
    form.append('kind', kind);
    if (KINDS_WITH_FISCAL_YEAR.includes(kind) && fiscalYear) form.append('fiscalYear', fiscalYear);
    if (KINDS_WITH_AS_OF.includes(kind) && asOf) form.append('asOf', asOf);
    // The file last: the server reads the text fields as they arrive (any order works).
    form.append('file', file as File);
    const url = useCompany ? `/api/v1/companies/${companyId}/documents` : `/api/v1/financing-requests/${requestId}/documents`;

    setMessage(null);
    setProgress(0);
    try {
      const res = await uploadWithProgress(url, form, setProgress);
      if (res.status === 201) {
        formRef.current?.reset();
        setKind('');
        setCompanyWide(null);
        onUploaded((res.body as DocumentItem).filename);
      } else {
        const text = uploadProblemText(res.body as Problem, t);
        setFields(text.fields);
        setMessage(text.message);
      }
    } catch {
      setMessage(t('documents.errors.network'));
    } finally {
      setProgress(null);
    }
  }

  const busy = progress !== null;
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-labelledby={titleId} className="upload-form" data-testid="document-upload">
      <h3 id={titleId}>{t('documents.upload.title')}</h3>
      {message && (
        <div className="alert" role="alert">
          {message}
        </div>
      )}
      <div className="grid">
        <SelectField
          label={t('documents.upload.kind')}
          name="kind"
          required
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          error={fields.kind}
          disabled={busy}
        >
          <option value="">{t('documents.upload.chooseKind')}</option>
          {DOCUMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`documents.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        {KINDS_WITH_FISCAL_YEAR.includes(kind) && (
          <Field
            label={t('documents.upload.fiscalYear')}
            name="fiscalYear"
            inputMode="numeric"
            pattern="\d{4}"
            maxLength={4}
            required
            hint={t('documents.upload.fiscalYearHint')}
            error={fields.fiscalYear}
            disabled={busy}
          />
        )}
        {KINDS_WITH_AS_OF.includes(kind) && (
          <Field label={t('documents.upload.asOf')} name="asOf" type="date" hint={t('documents.upload.asOfHint')} error={fields.asOf} disabled={busy} />
        )}
        <Field label={t('documents.upload.file')} name="file" type="file" accept={UPLOAD_ACCEPT} required hint={t('documents.upload.fileHint')} error={fields.file} disabled={busy} />
      </div>
      {requestId && (
        <div className="consent">
          <input id={companyWideId} type="checkbox" checked={useCompany} onChange={(e) => setCompanyWide(e.target.checked)} disabled={busy} aria-describedby={`${companyWideId}-hint`} />
          <label htmlFor={companyWideId}>
            {t('documents.upload.companyWide')}
            <br />
            <small id={`${companyWideId}-hint`} className="muted">
              {t('documents.upload.companyWideHint')}
            </small>
          </label>
        </div>
      )}
      {busy && (
        <div aria-live="polite">
          <progress max={100} value={Math.round(progress * 100)} aria-label={t('documents.upload.progressLabel')} data-testid="upload-progress" />
          <small>{progress < 1 ? t('documents.upload.progress', { percent: Math.round(progress * 100) }) : t('documents.upload.checking')}</small>
        </div>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('documents.upload.submit')}
        </button>
      </div>
    </form>
  );
}
