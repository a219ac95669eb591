import type { TFunction } from 'i18next';
import type { Problem } from '../api/client';

/** The largest file the server accepts; checked here too so nobody waits for a doomed upload. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const UPLOAD_ACCEPT = '.pdf,.png,.jpg,.jpeg,.xlsx,.csv,application/pdf,image/png,image/jpeg,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Kinds that describe the company rather than one project: by default they serve all its requests. */
export const COMPANY_WIDE_KINDS = ['annual_statement', 'bwa', 'susa', 'tax_assessment', 'bank_statement', 'id_document'];
export const KINDS_WITH_FISCAL_YEAR = ['annual_statement', 'tax_assessment'];
export const KINDS_WITH_AS_OF = ['bwa', 'susa', 'bank_statement', 'debtor_list'];

export interface UploadResult {
  status: number;
  body: unknown;
}

/** What the browser offers: an XMLHttpRequest (injectable for tests). */
export type XhrFactory = () => Pick<XMLHttpRequest, 'open' | 'send' | 'setRequestHeader' | 'upload' | 'onload' | 'onerror' | 'onabort' | 'status' | 'responseText' | 'withCredentials'>;

/**
 * POSTs a form with XMLHttpRequest, because fetch cannot report upload progress: `onProgress` gets the
 * share sent (0…1) as the browser reports it. Resolves with the status and the parsed JSON answer.
 */
export function uploadWithProgress(url: string, form: FormData, onProgress: (share: number) => void, xhrFactory: XhrFactory = () => new XMLHttpRequest()): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = xhrFactory();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.upload.onprogress = (e: ProgressEvent) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.min(1, e.loaded / e.total));
    };
    xhr.onload = () => resolve({ status: xhr.status, body: parseJson(xhr.responseText) });
    xhr.onerror = () => reject(new Error('network'));
    xhr.onabort = () => reject(new Error('aborted'));
    xhr.send(form);
  });
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

export interface UploadProblemText {
  /** One sentence for the whole form. */
  message: string;
  /** Per form field (kind, fiscalYear, asOf, file). */
  fields: Record<string, string>;
}

const FORM_FIELDS = ['kind', 'fiscalYear', 'asOf', 'file'];

/** Turns a problem+json answer into text in the user's language, per field where the server named one. */
export function uploadProblemText(problem: (Partial<Problem> & { existingDocumentId?: string }) | null, t: TFunction): UploadProblemText {
  const fields: Record<string, string> = {};
  for (const e of problem?.errors ?? []) if (FORM_FIELDS.includes(e.path)) fields[e.path] ??= t(`documents.errors.fields.${e.path}`);
  switch (problem?.status) {
    case 413:
      return { message: t('documents.errors.tooLarge'), fields: { file: t('documents.errors.tooLarge') } };
    case 415:
      return { message: t('documents.errors.type'), fields: { file: t('documents.errors.type') } };
    case 409:
      if (problem.existingDocumentId) return { message: t('documents.errors.duplicate'), fields: { file: t('documents.errors.duplicate') } };
      return { message: t('documents.errors.conflict'), fields };
    case 400:
      return { message: t('documents.errors.validation'), fields };
    case 404:
      return { message: t('documents.errors.notFound'), fields };
    default:
      return { message: t('documents.errors.generic'), fields };
  }
}

/** 1.234.567 bytes → "1,2 MB" (German) / "1.2 MB" (English). */
export function formatBytes(bytes: number, language: string): string {
  const locale = language === 'en' ? 'en-GB' : 'de-DE';
  const units = ['B', 'KB', 'MB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}
