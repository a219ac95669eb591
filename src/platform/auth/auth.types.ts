import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from './passwords.js';
import { ROLES } from './schema.js';

export const ZEmail = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'keine gültige E-Mail-Adresse' }))
  .transform((e) => e.toLowerCase());

export const ZRegisterRequestSchema = z.strictObject({
  email: ZEmail,
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, { message: `mindestens ${MIN_PASSWORD_LENGTH} Zeichen` })
    .max(200, { message: 'höchstens 200 Zeichen' }),
  name: z.string().trim().min(1, { message: 'Pflichtfeld' }).max(200),
});

export const ZLoginRequestSchema = z.strictObject({
  email: z.string().trim().max(254).transform((e) => e.toLowerCase()),
  password: z.string().max(200),
});

export const ZMeSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
});
export type TMe = z.infer<typeof ZMeSchema>;
