import { z } from 'zod';

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
