import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ERROR_CODES } from './app-error.js';

/** RFC 9457 problem details, as every error of the API is shaped. */
export const ZProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .loose()
  .meta({ id: 'Problem' });

export const ZIdParams = z.strictObject({ id: z.uuid({ message: 'keine gültige ID' }) });

/** Decimal amounts travel as strings so no client ever rounds them through a float. */
export const ZMoney = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,2})?$/, { message: 'Betrag als Dezimalzahl-Text mit höchstens 2 Nachkommastellen, z. B. "1250000.00"' });

/**
 * A query parameter listing values, repeated (`?status=a&status=b`), comma-separated (`?status=a,b`) or
 * both. Empty entries are ignored; no entries at all means the parameter is absent.
 */
export const ZQueryList = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => {
      const parts = (v === undefined ? [] : Array.isArray(v) ? v : [v])
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean);
      return parts.length > 0 ? parts : undefined;
    })
    .pipe(z.array(item).optional());

/** Media type of every error answer (problem.ts sends them so). */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
const PROBLEM_REF = '#/components/schemas/Problem';

/** "Problem: Ungültige Eingabe", from the error codes with that status. */
function problemDescription(status: number): string {
  const titles: string[] = [...new Set(Object.values(ERROR_CODES).filter((c) => c.status === status).map((c) => c.title))];
  if (status === 503) titles.push('Nicht bereit');
  return `Problem (RFC 9457)${titles.length ? `: ${titles.join(' / ')}` : ''}`;
}

type JsonSchemaish = { $ref?: string; content?: unknown; description?: string };

/**
 * The route schemas as OpenAPI shows them: zod → JSON Schema (fastify-type-provider-zod), then every
 * error response with the Problem schema under `application/problem+json`, the media type it is sent
 * with. Added where a route does not list them: 400 for routes validating a body, query or path
 * parameters; 413 (body over 1 MB) and 415 (not JSON) for routes with a body, which the body parser
 * answers before any route code runs.
 */
export const apiSchemaTransform: typeof jsonSchemaTransform = (document) => {
  const out = jsonSchemaTransform(document);
  const schema = out.schema as
    | { hide?: boolean; body?: unknown; querystring?: unknown; params?: unknown; response?: Record<string, JsonSchemaish> }
    | undefined;
  if (!schema || schema.hide || !schema.response) return out;
  const response: Record<string, JsonSchemaish> = { ...schema.response };
  if (schema.body || schema.querystring || schema.params) response['400'] ??= { $ref: PROBLEM_REF };
  if (schema.body) {
    response['413'] ??= { $ref: PROBLEM_REF };
    response['415'] ??= { $ref: PROBLEM_REF };
  }
  for (const [status, s] of Object.entries(response)) {
    if (Number(status) >= 400 && s.$ref === PROBLEM_REF) {
      response[status] = { description: problemDescription(Number(status)), content: { [PROBLEM_MEDIA_TYPE]: { schema: s } } };
    }
  }
  return { ...out, schema: { ...schema, response } };
};
