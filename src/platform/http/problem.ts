import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { pgErrorCode } from '../db/errors.js';
import { AppError, ERROR_CODES, problemType, type ErrorCode, type FieldError } from './app-error.js';

/**
 * PostgreSQL's answer to characters text cannot hold: 22021 character_not_in_repertoire (NUL, invalid
 * UTF-8), 22P05 untranslatable_character. The input is at fault, so it is a 400, never a 500.
 */
const UNSTORABLE_CHARACTER_CODES = new Set(['22021', '22P05']);

/** Turns a zod issue path (`/fees/0/amount`) into the dotted path clients see (`fees[0].amount`). */
export function formatPath(parts: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

function fromInstancePath(instancePath: string, params: Record<string, unknown> | undefined): string {
  const parts: PropertyKey[] = instancePath
    .split('/')
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  // Unknown keys are reported on the parent object; name them so the client knows which field to drop.
  const keys = params?.keys;
  if (Array.isArray(keys) && keys.length === 1) parts.push(String(keys[0]));
  return formatPath(parts);
}

export function sendProblem(
  reply: FastifyReply,
  code: ErrorCode,
  detail: string,
  opts: { errors?: FieldError[]; extra?: Record<string, unknown>; status?: number } = {},
) {
  const status = opts.status ?? ERROR_CODES[code].status;
  return reply
    .status(status)
    .type('application/problem+json')
    .send({
      type: problemType(code),
      title: ERROR_CODES[code].title,
      status,
      detail,
      instance: reply.request.url,
      ...(opts.errors ? { errors: opts.errors } : {}),
      ...(opts.extra ?? {}),
    });
}

/**
 * The sentence a person reads above a form (the fields carry the details): how many entries to check, with
 * their paths in brackets for API clients. A bad path parameter is a bad address, not a bad form.
 */
export function validationDetail(where: string, errors: { path: string }[]): string {
  const fields = [...new Set(errors.map((e) => e.path))];
  if (where === 'params') return `Die Adresse ist ungültig (${fields.join(', ')}).`;
  const what = fields.length === 1 ? 'Eine Angabe ist' : `${fields.length} Angaben sind`;
  return `${what} ungültig – bitte die markierten Felder prüfen (${fields.join(', ')}).`;
}

/** Maps every error to problem+json. The only place where errors become HTTP answers. */
export function registerProblemHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      return sendProblem(reply, err.code, err.message, { errors: err.errors, extra: err.extra });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const errors = err.validation.map((v) => ({
        path: fromInstancePath(v.instancePath, v.params as Record<string, unknown>) || where,
        message: v.message ?? 'ungültig',
      }));
      return sendProblem(reply, 'validation', validationDetail(where, errors), { errors });
    }
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendProblem(reply, 'malformed_request', 'Der Anfrage-Body ist kein gültiges JSON.');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(reply, 'payload_too_large', 'Der Anfrage-Body ist größer als erlaubt (1 MB).');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendProblem(reply, 'unsupported_media_type', 'Bitte JSON senden (Content-Type: application/json).');
    }
    if (err instanceof SyntaxError) {
      return sendProblem(reply, 'malformed_request', 'Der Anfrage-Body ist kein gültiges JSON.');
    }
    const pgCode = pgErrorCode(err);
    if (pgCode && UNSTORABLE_CHARACTER_CODES.has(pgCode)) {
      req.log.warn({ err }, 'input with characters the database cannot store');
      return sendProblem(
        reply,
        'malformed_request',
        'Die Anfrage enthält Zeichen, die nicht gespeichert werden können (z. B. das Steuerzeichen NUL).',
      );
    }
    if (err.statusCode === 429) {
      return sendProblem(reply, 'rate_limited', 'Zu viele Anfragen. Bitte kurz warten.');
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendProblem(reply, 'malformed_request', err.message, { status: err.statusCode });
    }
    req.log.error({ err }, 'unhandled error');
    return sendProblem(reply, 'internal', 'Ein interner Fehler ist aufgetreten. Er wurde protokolliert.');
  });
}

/**
 * Errors Fastify answers before any route or error handler runs (a URL that does not decode, an over-long
 * path parameter, a failing route constraint), as problem+json like every other error. Fastify's
 * `frameworkErrors` option.
 */
export function frameworkErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  // The onRequest hooks did not run for these requests.
  reply.header('x-request-id', req.id);
  reply.header('x-content-type-options', 'nosniff');
  switch (err.code) {
    case 'FST_ERR_BAD_URL':
      return sendProblem(reply, 'malformed_request', 'Die URL ist nicht gültig kodiert (fehlerhafte %-Kodierung).');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return sendProblem(reply, 'malformed_request', 'Ein Pfad-Parameter der URL ist zu lang.', { status: 414 });
    case 'FST_ERR_ASYNC_CONSTRAINT':
      req.log.error({ err }, 'route constraint failed');
      return sendProblem(reply, 'internal', 'Ein interner Fehler ist aufgetreten. Er wurde protokolliert.');
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return sendProblem(reply, 'malformed_request', 'Die Anfrage ist fehlerhaft.', { status: err.statusCode });
  }
  req.log.error({ err }, 'framework error');
  return sendProblem(reply, 'internal', 'Ein interner Fehler ist aufgetreten. Er wurde protokolliert.');
}
