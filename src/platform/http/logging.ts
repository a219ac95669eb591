import pino from 'pino';

/**
 * The server log must not carry what a failing query was given: argon2 password hashes, names, e-mail
 * addresses, company data. Drizzle's query error has the parameters in `params` and in its message
 * ("Failed query: …\nparams: …"), the driver's error (its `cause`) in `params` and `detail`
 * ("Failing row contains (…)"), and PostgreSQL echoes some values in its own message
 * (`invalid input syntax for type integer: "…"`).
 */
export const REDACT_PATHS = [
  'err.params',
  'err.detail',
  'err.cause.params',
  'err.cause.detail',
  'err.cause.cause.params',
  'err.cause.cause.detail',
];

export const REDACTED = '[redacted]';

interface QueryErrorLike {
  query?: unknown;
  params?: unknown;
  cause?: unknown;
}

/** The parameter lists along an error's cause chain. */
function paramsOf(err: unknown): unknown[][] {
  const out: unknown[][] = [];
  let e: unknown = err;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    const params = (e as QueryErrorLike).params;
    if (Array.isArray(params)) out.push(params);
    e = (e as QueryErrorLike).cause;
  }
  return out;
}

/** Removes query parameters from a text: drizzle's "params: …" line and every string parameter echoed elsewhere. */
function scrubText(text: string, err: unknown): string {
  let out = text;
  let e: unknown = err;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    const { query, params } = e as QueryErrorLike;
    if (typeof query === 'string' && Array.isArray(params)) {
      // Drizzle's DrizzleQueryError message, exactly as it builds it.
      out = out.split(`Failed query: ${query}\nparams: ${params}`).join(`Failed query: ${query}\nparams: ${REDACTED}`);
    }
    e = (e as QueryErrorLike).cause;
  }
  const values = paramsOf(err)
    .flat()
    .map((p) => (typeof p === 'string' ? p : p instanceof Date ? p.toISOString() : typeof p === 'object' && p !== null ? JSON.stringify(p) : ''))
    .filter((s) => s.length >= 3)
    .sort((a, b) => b.length - a.length);
  for (const v of values) out = out.split(v).join(REDACTED);
  return out;
}

/** pino's error serializer, with query parameters taken out of message and stack. */
export function serializeError(err: unknown): unknown {
  const serialized = pino.stdSerializers.err(err as Error) as unknown;
  if (paramsOf(err).length === 0 || !serialized || typeof serialized !== 'object') return serialized;
  const s = serialized as { message?: unknown; stack?: unknown };
  if (typeof s.message === 'string') s.message = scrubText(s.message, err);
  if (typeof s.stack === 'string') s.stack = scrubText(s.stack, err);
  return serialized;
}

/** Fastify logger options: the configured level (or the caller's options) plus redaction and the scrubbing serializer. */
export function loggerOptions(level: string, given: boolean | object | undefined): false | object {
  if (given === false) return false;
  const base = typeof given === 'object' ? (given as { serializers?: Record<string, unknown> }) : {};
  return {
    level,
    ...base,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: { ...base.serializers, err: serializeError },
  };
}
