import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../../platform/http/app-error.js';
import { formatPath } from '../../platform/http/problem.js';
import { ALLOWED_TYPES_TEXT, detectDocumentType, type DetectedType } from './detect-content-type.js';
import { KINDS_WITH_FISCAL_YEAR, DOCUMENT_KIND_LABELS } from './document-kinds.js';
import { ZUploadFieldsSchema, type TUploadFields } from './documents.types.js';

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** Limits for the multipart parser: one file of ≤ 20 MB and a few short text fields. */
export const MULTIPART_LIMITS = { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 10, parts: 12, fieldSize: 200, fieldNameSize: 100, headerPairs: 50 };

const FIELD_NAMES = new Set(['kind', 'fiscalYear', 'asOf']);

export interface StagedUpload {
  fields: TUploadFields;
  file: { path: string; filename: string; size: number; sha256: string; type: DetectedType };
  /** Removes the staged file; always call it (also after the document was stored). */
  discard(): Promise<void>;
}

const tooLarge = () =>
  new AppError('payload_too_large', 'Die Datei ist größer als 20 MB.', { errors: [{ path: 'file', message: 'höchstens 20 MB' }] });

/** Maps errors of the multipart parser to the API's problems; anything unknown stays an error. */
function multipartProblem(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge();
    case 'FST_FILES_LIMIT':
      return new AppError('validation', 'Bitte genau eine Datei je Upload senden.', { errors: [{ path: 'file', message: 'nur eine Datei je Upload' }] });
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new AppError('validation', 'Das Formular enthält zu viele Felder (erlaubt: kind, fiscalYear, asOf, file).');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('unsupported_media_type', 'Bitte als multipart/form-data senden (Felder kind, fiscalYear, asOf und file).');
    case 'FST_PROTO_VIOLATION':
      return new AppError('validation', 'Unzulässiger Feldname im Formular.');
  }
  const message = (err as Error | undefined)?.message ?? '';
  if (/multipart|part|boundary|form/i.test(message) && !(err as { statusCode?: number }).statusCode) {
    return new AppError('malformed_request', `Das Formular ist kein gültiges multipart/form-data (${message}).`);
  }
  return err;
}

async function drain(stream: Readable): Promise<void> {
  for await (const _ of stream) {
    // discard
  }
}

/**
 * Reads an upload form completely: the text fields (in any order, before or after the file) and the
 * file, which is streamed to a staging file while its SHA-256 is computed. Then checks the fields and
 * the file's real type. On any problem the staged file is removed before the error is thrown, so a
 * malformed, oversized or wrongly typed upload leaves nothing behind.
 */
export async function receiveUpload(req: FastifyRequest, stagingDir: string): Promise<StagedUpload> {
  if (!req.isMultipart()) {
    throw new AppError('unsupported_media_type', 'Bitte als multipart/form-data senden (Felder kind, fiscalYear, asOf und file).');
  }
  await fsp.mkdir(stagingDir, { recursive: true });
  const raw: Record<string, string> = {};
  const errors: FieldError[] = [];
  let staged: { path: string; filename: string; size: number; sha256: string } | null = null;
  const stagedPaths: string[] = [];
  const discard = async () => {
    await Promise.all(stagedPaths.map((p) => fsp.rm(p, { force: true })));
  };

  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          await drain(part.file);
          errors.push({ path: part.fieldname, message: 'unbekanntes Feld (die Datei gehört in das Feld „file“)' });
          continue;
        }
        const target = path.join(stagingDir, `${randomUUID()}.upload`);
        stagedPaths.push(target);
        const hash = createHash('sha256');
        let size = 0;
        const measure = new Transform({
          transform(chunk: Buffer, _enc, done) {
            hash.update(chunk);
            size += chunk.length;
            done(null, chunk);
          },
        });
        await pipeline(part.file, measure, fs.createWriteStream(target, { flags: 'wx', mode: 0o600 }));
        if (part.file.truncated) throw tooLarge();
        staged = { path: target, filename: part.filename, size, sha256: hash.digest('hex') };
      } else {
        const name = part.fieldname;
        if (!FIELD_NAMES.has(name)) errors.push({ path: name, message: 'unbekanntes Feld' });
        else if (name in raw) errors.push({ path: name, message: 'mehrfach angegeben' });
        else if (part.valueTruncated) errors.push({ path: name, message: 'zu lang' });
        else if (typeof part.value === 'string' && part.value.trim() !== '') raw[name] = part.value.trim();
      }
    }

    if (raw.kind === undefined) errors.push({ path: 'kind', message: 'fehlt' });
    const parsed = ZUploadFieldsSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const p = formatPath(issue.path);
        if (!(p === 'kind' && raw.kind === undefined)) errors.push({ path: p, message: issue.message });
      }
    } else if (KINDS_WITH_FISCAL_YEAR.includes(parsed.data.kind) && parsed.data.fiscalYear === undefined) {
      errors.push({ path: 'fiscalYear', message: `für „${DOCUMENT_KIND_LABELS[parsed.data.kind]}“ erforderlich` });
    }
    if (!staged) errors.push({ path: 'file', message: 'fehlt' });
    else if (staged.size === 0) errors.push({ path: 'file', message: 'die Datei ist leer' });
    if (errors.length > 0 || !parsed.success || !staged) {
      const fields = [...new Set(errors.map((e) => e.path))].join(', ');
      throw new AppError('validation', `Ungültiges Upload-Formular: ${fields}`, { errors });
    }

    const detection = await detectDocumentType(staged.path);
    if (!detection.ok) {
      const what = detection.detected ? `Erkannt wurde ${detection.detected}` : 'Der Inhalt entspricht keinem erlaubten Format';
      throw new AppError('unsupported_media_type', `Dateityp nicht erlaubt. ${what}; erlaubt sind ${ALLOWED_TYPES_TEXT} (geprüft wird der Inhalt, nicht der Name).`, {
        errors: [{ path: 'file', message: `nur ${ALLOWED_TYPES_TEXT}` }],
      });
    }
    return { fields: parsed.data, file: { ...staged, type: detection.type }, discard };
  } catch (err) {
    await discard();
    throw multipartProblem(err);
  }
}
