import { z } from 'zod';
import { ZMoney } from '../../platform/http/openapi.js';
import { berlinToday, isCalendarDate } from '../../platform/time.js';
import { FEDERAL_STATES } from '../vocabulary/index.js';
import { LEGAL_FORMS } from './schema.js';

export const ZCalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Datum im Format JJJJ-MM-TT' })
  .refine(isCalendarDate, { message: 'kein gültiges Kalenderdatum' });

export const ZCreateCompanySchema = z.strictObject({
  name: z.string().trim().min(2, { message: 'mindestens 2 Zeichen' }).max(200),
  legalForm: z.enum(LEGAL_FORMS, { message: `eine von: ${LEGAL_FORMS.join(', ')}` }),
  // Optional: null, "" and blanks mean "not given" (as GET answers null and forms send empty fields).
  registerNumber: z
    .string()
    .trim()
    .regex(/^$|^(HRA|HRB|GnR|PR|VR|GsR) ?\d{1,6}( ?[A-Z]{1,3})?$/, {
      message: 'Registernummer wie „HRB 12345“ (HRA, HRB, GnR, PR, VR, GsR)',
    })
    .nullish()
    .transform((v) => v || undefined),
  vatId: z
    .string()
    .transform((v) => v.replace(/[\s.-]/g, '').toUpperCase())
    .pipe(z.string().regex(/^$|^DE\d{9}$/, { message: 'USt-IdNr. im Format DE + 9 Ziffern' }))
    .nullish()
    .transform((v) => v || undefined),
  street: z.string().trim().min(3, { message: 'mindestens 3 Zeichen' }).max(200),
  postalCode: z.string().regex(/^\d{5}$/, { message: 'Postleitzahl mit 5 Ziffern' }),
  city: z.string().trim().min(2, { message: 'mindestens 2 Zeichen' }).max(100),
  industryCode: z.string().trim().min(1, { message: 'Pflichtfeld' }).max(10, { message: 'höchstens 10 Zeichen' }),
  foundedOn: ZCalendarDate.refine((d) => d >= '1800-01-01' && d <= berlinToday(), {
    message: 'Gründungsdatum darf nicht in der Zukunft liegen',
  }),
  employees: z
    .number({ message: 'Anzahl als ganze Zahl' })
    .int({ message: 'ganze Zahl' })
    .min(0, { message: 'nicht negativ' })
    .max(1_000_000, { message: 'höchstens 1.000.000' }),
  annualRevenue: ZMoney,
});
export type TCreateCompany = z.infer<typeof ZCreateCompanySchema>;

export const ZCompanySchema = z
  .object({
    id: z.uuid(),
    ownerId: z.uuid(),
    name: z.string(),
    legalForm: z.enum(LEGAL_FORMS),
    registerNumber: z.string().nullable(),
    vatId: z.string().nullable(),
    street: z.string(),
    postalCode: z.string(),
    city: z.string(),
    federalState: z.enum(FEDERAL_STATES),
    industryCode: z.string(),
    industryLabel: z.string(),
    foundedOn: z.string(),
    employees: z.number().int(),
    annualRevenue: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Company' });
export type TCompany = z.infer<typeof ZCompanySchema>;
