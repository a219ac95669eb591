import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from './app-error.js';
import { formatPath, validationDetail } from './problem.js';

/**
 * PostgreSQL text cannot hold U+0000 ("invalid byte sequence for encoding UTF8: 0x00"). Input containing
 * it is refused up front as a validation error naming the field, instead of failing in the database.
 */
export const NUL_MESSAGE = 'enthält ein unzulässiges Steuerzeichen (NUL)';

const MAX_REPORTED = 20;

/** Paths (as clients see them, e.g. `fees[0].name`) of every string or key in a parsed value that contains NUL. */
export function findNul(value: unknown): string[] {
  const found: string[] = [];
  // Iterative, so a deeply nested body cannot overflow the stack; reported in document order.
  const stack: { value: unknown; path: PropertyKey[]; badKey?: boolean }[] = [{ value, path: [] }];
  while (stack.length > 0 && found.length < MAX_REPORTED) {
    const { value: v, path, badKey } = stack.pop()!;
    if (badKey) {
      found.push(formatPath(path));
    } else if (typeof v === 'string') {
      if (v.includes('\0')) found.push(formatPath(path));
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: [...path, i] });
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i];
        if (key.includes('\0')) stack.push({ value: undefined, path: [...path, key.replace(/\0/g, '\\u0000')], badKey: true });
        else stack.push({ value: (v as Record<string, unknown>)[key], path: [...path, key] });
      }
    }
  }
  return found;
}

/** The 400 for NUL in a part of the request (`body`, `querystring`, `params`), or undefined when there is none. */
export function nulError(value: unknown, where: 'body' | 'querystring' | 'params'): AppError | undefined {
  const paths = findNul(value);
  if (paths.length === 0) return undefined;
  const errors: FieldError[] = paths.map((p) => ({ path: p || where, message: NUL_MESSAGE }));
  return new AppError('validation', validationDetail(where, errors), { errors });
}

/**
 * Replaces the JSON body parser with Fastify's own (same prototype-poisoning protection, same errors)
 * followed by the NUL check, and checks query string and path parameters before route validation.
 */
export function registerNulGuard(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req: FastifyRequest, body: string | Buffer, done) => {
    parseJson(req, body as string, (err: Error | null, value?: unknown) => {
      if (err) return done(err, undefined);
      const nul = nulError(value, 'body');
      return nul ? done(nul, undefined) : done(null, value);
    });
  });
  app.addHook('preValidation', async (req) => {
    const nul = nulError(req.query, 'querystring') ?? nulError(req.params, 'params');
    if (nul) throw nul;
  });
}
