import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { and, desc, eq, isNull, or } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/database.js';
import { pgErrorCode } from '../../platform/db/errors.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { writeAudit, type Actor } from '../../platform/audit/audit.js';
import { publish } from '../../platform/events/events.js';
import { AppError } from '../../platform/http/app-error.js';
import { berlinDate, berlinToday } from '../../platform/time.js';
import { canSeeCompany, companies, findVisibleCompany } from '../companies/index.js';
import { currentConsents } from '../consents/index.js';
import { dispatches, dispatchForLender, isAwarded, requestStatusForLender, type DispatchRow } from '../dispatch/index.js';
// The offers table only (schema cross-import): documents sits below offers in the module order.
import { offers } from '../offers/schema.js';
import { financingRequests, loadRequestWithCompany, type RequestStatus } from '../requests/index.js';
import { documentChecklist } from './checklist.js';
import type { Config } from '../../config.js';
import { ALLOWED_TYPES_TEXT, detectDocumentType } from './detect-content-type.js';
import { LocalDocumentStore, type DocumentStore } from './document-store.js';
import type { TDocument, TUploadFields } from './documents.types.js';
import type { StagedUpload } from './receive-upload.js';
import { displayFilename } from './safe-filename.js';
import { documents, type DocumentRow } from './schema.js';

/** Who looks at documents: a person (borrower, advisor, admin) or a lender (its user or its system). */
export type Viewer = { kind: 'user'; user: SessionUser } | { kind: 'lender'; lenderId: string };

/** No uploads to requests that are over. */
const CLOSED_FOR_UPLOADS: readonly RequestStatus[] = ['withdrawn', 'rejected', 'expired', 'closed'];
/** Once an offer is accepted the documents it rests on are kept (the contract was made on them). */
const LOCKED_FOR_DELETION: readonly RequestStatus[] = ['accepted', 'signature_ready', 'signed', 'closed'];

/**
 * Whether a lender may read the company's documents through this dispatch: only while the company's
 * `lenderSharing` consent is given, and the request is still open for the lender (as `requestStatusForLender`
 * tells it; not declined by it) or the lender's own offer was accepted. Withdrawn, rejected and expired
 * requests, lost deals and declines end the access; the dispatch record itself stays the lender's.
 */
async function lenderMayReadThrough(
  db: Executor,
  dispatch: Pick<DispatchRow, 'lenderId' | 'requestId' | 'status'>,
  request: { status: RequestStatus; companyId: string },
): Promise<boolean> {
  const won =
    isAwarded(request.status) &&
    (
      await db
        .select({ id: offers.id })
        .from(offers)
        .where(and(eq(offers.requestId, dispatch.requestId), eq(offers.lenderId, dispatch.lenderId), eq(offers.status, 'accepted')))
        .limit(1)
    ).length > 0;
  const open = requestStatusForLender(request.status, won) === 'open' && dispatch.status !== 'declined';
  if (!open && !won) return false;
  return (await currentConsents(db, request.companyId)).lenderSharing;
}

const userDownloadUrl = (id: string) => `/api/v1/documents/${id}/content`;
const lenderDownloadUrl = (requestId: string, id: string) => `/api/v1/lender/requests/${requestId}/documents/${id}`;

export function toDocument(row: DocumentRow, downloadUrl = userDownloadUrl(row.id)): TDocument {
  return {
    id: row.id,
    companyId: row.companyId,
    requestId: row.requestId,
    kind: row.kind,
    fiscalYear: row.fiscalYear,
    asOf: row.asOf,
    filename: row.filename,
    contentType: row.contentType,
    size: row.size,
    sha256: row.sha256,
    uploadedAt: row.uploadedAt.toISOString(),
    uploadedBy: row.uploadedBy,
    downloadUrl,
  };
}

/** The documents a request rests on: its own and the company's general ones (no request). */
async function documentsOfRequest(db: Executor, requestId: string, companyId: string): Promise<DocumentRow[]> {
  return db
    .select()
    .from(documents)
    .where(or(eq(documents.requestId, requestId), and(eq(documents.companyId, companyId), isNull(documents.requestId))))
    .orderBy(desc(documents.uploadedAt), desc(documents.id));
}

/**
 * A request the viewer may see: the owner borrower, staff, or a lender it was dispatched to; else 404.
 * `documentsAvailable` says whether the viewer may read its documents (always for people who see it;
 * for a lender see `lenderMayReadThrough`).
 */
async function visibleRequest(db: Executor, viewer: Viewer, requestId: string) {
  const row = await loadRequestWithCompany(db, requestId);
  if (viewer.kind === 'lender') {
    const dispatch = await dispatchForLender(db, viewer.lenderId, requestId);
    return { ...row, documentsAvailable: await lenderMayReadThrough(db, dispatch, row.request) };
  }
  if (!canSeeCompany(viewer.user, row.company)) throw AppError.notFound('Finanzierungsanfrage');
  return { ...row, documentsAvailable: true };
}

/**
 * Documents of a request with its product's checklist and what is still missing. A lender whose access
 * ended (consent revoked, request over, deal lost or declined) gets an empty list.
 */
export async function listRequestDocuments(db: Executor, viewer: Viewer, requestId: string, today = berlinToday()) {
  const { request, company, documentsAvailable } = await visibleRequest(db, viewer, requestId);
  const rows = documentsAvailable ? await documentsOfRequest(db, requestId, company.id) : [];
  const { checklist, missing } = documentChecklist({
    product: request.product,
    foundedOn: company.foundedOn,
    today,
    documents: rows.map((r) => ({ id: r.id, kind: r.kind, fiscalYear: r.fiscalYear, asOf: r.asOf, uploadedOn: berlinDate(r.uploadedAt) })),
  });
  const url = (r: DocumentRow) => (viewer.kind === 'lender' ? lenderDownloadUrl(requestId, r.id) : userDownloadUrl(r.id));
  return { items: rows.map((r) => toDocument(r, url(r))), checklist, missing, documentsAvailable };
}

/** Every document of a company (general and per request), for its owner and staff. */
export async function listCompanyDocuments(db: Executor, user: SessionUser, companyId: string): Promise<TDocument[]> {
  await findVisibleCompany(db, user, companyId);
  const rows = await db.select().from(documents).where(eq(documents.companyId, companyId)).orderBy(desc(documents.uploadedAt), desc(documents.id));
  return rows.map((r) => toDocument(r));
}

/**
 * The documents a lender receives with a dispatched request (download URLs of the lender API), and
 * whether it may read them at all (empty when not).
 */
export async function documentsForLender(db: Executor, lenderId: string, requestId: string): Promise<{ items: TDocument[]; available: boolean }> {
  const { items, documentsAvailable } = await listRequestDocuments(db, { kind: 'lender', lenderId }, requestId);
  return { items, available: documentsAvailable };
}

/**
 * A document the viewer may read, else 404: the borrower owning the company, advisors and admins, and
 * a lender to which the document's request — or, for a general company document, any request of the
 * company — was dispatched, while that dispatch still gives access (`lenderMayReadThrough`).
 */
export async function findReadableDocument(db: Executor, viewer: Viewer, id: string): Promise<DocumentRow> {
  const [row] = await db.select().from(documents).where(eq(documents.id, id));
  if (!row) throw AppError.notFound('Dokument');
  if (viewer.kind === 'user') {
    const [company] = await db.select({ ownerId: companies.ownerId }).from(companies).where(eq(companies.id, row.companyId));
    if (!company || !canSeeCompany(viewer.user, company)) throw AppError.notFound('Dokument');
    return row;
  }
  const sent = await db
    .select({
      lenderId: dispatches.lenderId,
      requestId: dispatches.requestId,
      status: dispatches.status,
      request: { status: financingRequests.status, companyId: financingRequests.companyId },
    })
    .from(dispatches)
    .innerJoin(financingRequests, eq(financingRequests.id, dispatches.requestId))
    .where(
      and(
        eq(dispatches.lenderId, viewer.lenderId),
        // The request's company must be the document's: a request's document never reaches another company's lenders.
        eq(financingRequests.companyId, row.companyId),
        row.requestId ? eq(dispatches.requestId, row.requestId) : undefined,
      ),
    );
  for (const d of sent) {
    if (await lenderMayReadThrough(db, d, d.request)) return row;
  }
  throw AppError.notFound('Dokument');
}

/**
 * A document of a request dispatched to this lender (the lender API's download), else 404 — also when
 * the lender's access to the company's documents ended (`lenderMayReadThrough`).
 */
export async function findLenderDocument(db: Executor, lenderId: string, requestId: string, documentId: string): Promise<DocumentRow> {
  const { company, documentsAvailable } = await visibleRequest(db, { kind: 'lender', lenderId }, requestId);
  if (!documentsAvailable) throw AppError.notFound('Dokument');
  const [row] = await db.select().from(documents).where(eq(documents.id, documentId));
  const belongs = row && (row.requestId === requestId || (row.requestId === null && row.companyId === company.id));
  if (!belongs) throw AppError.notFound('Dokument');
  return row;
}

export type UploadTarget = { companyId: string; requestId: string | null };

/**
 * Where an upload goes, checked before the body is read: the company's owner or staff; for a request,
 * only while it is not over (withdrawn, rejected, expired, closed).
 */
export async function uploadTarget(db: Executor, user: SessionUser, target: { requestId: string } | { companyId: string }): Promise<UploadTarget> {
  if ('companyId' in target) {
    await findVisibleCompany(db, user, target.companyId);
    return { companyId: target.companyId, requestId: null };
  }
  const { request } = await visibleRequest(db, { kind: 'user', user }, target.requestId);
  if (CLOSED_FOR_UPLOADS.includes(request.status)) {
    throw new AppError('conflict', `Zu einer Anfrage im Status „${request.status}“ können keine Dokumente mehr hochgeladen werden.`);
  }
  return { companyId: request.companyId, requestId: request.id };
}

async function findByHash(db: Executor, companyId: string, sha256: string) {
  const [row] = await db.select().from(documents).where(and(eq(documents.companyId, companyId), eq(documents.sha256, sha256)));
  return row;
}

function duplicate(existing: DocumentRow): AppError {
  return new AppError('conflict', `Diese Datei liegt für das Unternehmen bereits vor („${existing.filename}“).`, {
    extra: { existingDocumentId: existing.id },
    errors: [{ path: 'file', message: 'bereits hochgeladen' }],
  });
}

export interface DocumentsDeps {
  database: Database;
  store: DocumentStore;
  /** A local folder for uploads in transit (checked before they reach the store). */
  stagingDir: string;
  log?: { error(obj: object, msg: string): void };
}

/** The document store and staging folder of a configuration: `${DATA_DIR}/documents` and `${DATA_DIR}/uploads`. */
export function documentsDeps(config: Pick<Config, 'dataDir'>, database: Database, log?: DocumentsDeps['log']): DocumentsDeps {
  return { database, store: createDocumentStore(config), stagingDir: path.join(config.dataDir, 'uploads'), log };
}

export function createDocumentStore(config: Pick<Config, 'dataDir'>): DocumentStore {
  return new LocalDocumentStore(path.join(config.dataDir, 'documents'));
}

/**
 * Stores an upload: refuses a file the company already has (same SHA-256), puts the bytes in the store,
 * then writes the row and the audit record in one transaction. If the transaction fails the stored
 * bytes are removed again, so nothing is ever half-stored.
 */
export async function storeDocument(
  deps: DocumentsDeps,
  target: UploadTarget,
  upload: Pick<StagedUpload, 'fields' | 'file'>,
  user: Pick<SessionUser, 'id'>,
  actor: Actor,
): Promise<TDocument> {
  const { database, store } = deps;
  const { file, fields } = upload;
  const known = await findByHash(database.db, target.companyId, file.sha256);
  if (known) throw duplicate(known);

  const id = randomUUID();
  const storageKey = `${target.companyId}/${id}`;
  await store.put(storageKey, fs.createReadStream(file.path));
  try {
    return await database.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(documents)
        .values({
          id,
          companyId: target.companyId,
          requestId: target.requestId,
          kind: fields.kind,
          fiscalYear: fields.fiscalYear ?? null,
          asOf: fields.asOf ?? null,
          filename: displayFilename(file.filename, fields.kind, file.type.ext),
          contentType: file.type.contentType,
          size: file.size,
          sha256: file.sha256,
          storageKey,
          uploadedBy: user.id,
        })
        .returning();
      const doc = toDocument(row);
      const { downloadUrl: _url, ...audited } = doc;
      await writeAudit(tx, actor, { action: 'document.uploaded', entityType: 'document', entityId: id, after: audited });
      if (row.requestId) {
        await publish(tx, { topic: `financing_request:${row.requestId}`, type: 'document_uploaded', data: { documentId: id, kind: row.kind } });
      }
      return doc;
    });
  } catch (err) {
    await store.delete(storageKey).catch((e) => deps.log?.error({ err: e, storageKey }, 'could not remove stored document after a failed upload'));
    if (pgErrorCode(err) === '23505') {
      const existing = await findByHash(database.db, target.companyId, file.sha256);
      if (existing) throw duplicate(existing);
    }
    throw err;
  }
}

/**
 * Deletes a document (the company's owner or staff) while the requests it serves have not reached an
 * accepted offer; the row and its audit record in one transaction, then the bytes.
 */
export async function deleteDocument(deps: DocumentsDeps, user: SessionUser, id: string, actor: Actor): Promise<void> {
  const row = await deps.database.db.transaction(async (tx) => {
    const doc = await findReadableDocument(tx, { kind: 'user', user }, id);
    // Lock the requests the document serves, so an acceptance cannot slip in between check and delete.
    const served = await tx
      .select({ id: financingRequests.id, status: financingRequests.status })
      .from(financingRequests)
      .where(doc.requestId ? eq(financingRequests.id, doc.requestId) : eq(financingRequests.companyId, doc.companyId))
      .for('update');
    const locked = served.filter((r) => LOCKED_FOR_DELETION.includes(r.status));
    if (locked.length > 0) {
      throw new AppError('conflict', 'Das Dokument gehört zu einer Anfrage mit angenommenem Angebot und kann nicht mehr gelöscht werden.', {
        extra: { requestIds: locked.map((r) => r.id) },
      });
    }
    await tx.delete(documents).where(eq(documents.id, id));
    const { downloadUrl: _url, ...before } = toDocument(doc);
    await writeAudit(tx, actor, { action: 'document.deleted', entityType: 'document', entityId: id, before });
    if (doc.requestId) {
      await publish(tx, { topic: `financing_request:${doc.requestId}`, type: 'document_deleted', data: { documentId: id } });
    }
    return doc;
  });
  await deps.store.delete(row.storageKey).catch((err) => deps.log?.error({ err, storageKey: row.storageKey }, 'document row deleted but its content could not be removed'));
}

/**
 * Adds a document from bytes in hand (demo data, imports): the same type detection, duplicate check
 * and all-or-nothing storage as an upload.
 */
export async function importDocument(
  deps: DocumentsDeps,
  target: UploadTarget,
  input: { fields: TUploadFields; filename: string; bytes: Uint8Array },
  user: Pick<SessionUser, 'id'>,
  actor: Actor,
): Promise<TDocument> {
  await fsp.mkdir(deps.stagingDir, { recursive: true });
  const staged = path.join(deps.stagingDir, `${randomUUID()}.import`);
  try {
    await fsp.writeFile(staged, input.bytes, { flag: 'wx', mode: 0o600 });
    const detection = await detectDocumentType(staged);
    if (!detection.ok) throw AppError.invalidField('file', `nur ${ALLOWED_TYPES_TEXT}`);
    const file = { path: staged, filename: input.filename, size: input.bytes.length, sha256: createHash('sha256').update(input.bytes).digest('hex'), type: detection.type };
    return await storeDocument(deps, target, { fields: input.fields, file }, user, actor);
  } finally {
    await fsp.rm(staged, { force: true });
  }
}
