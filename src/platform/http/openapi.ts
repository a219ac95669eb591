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
