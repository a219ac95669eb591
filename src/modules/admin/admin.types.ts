import { z } from 'zod';
import { ZEmail } from '../../platform/auth/auth.types.js';
import { MIN_PASSWORD_LENGTH } from '../../platform/auth/passwords.js';
import { ROLES } from '../../platform/auth/schema.js';
import { LENDER_TYPES, PRODUCTS } from '../matching/index.js';

/** Roles an admin gives to accounts. Borrowers register themselves and own their companies. */
export const MANAGED_ROLES = ['advisor', 'admin', 'analyst', 'partner', 'lender'] as const;
export type ManagedRole = (typeof MANAGED_ROLES)[number];

const ZPage = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
};

// ---------------------------------------------------------------------------------------------------
// Users and roles

export const ZAdminUserSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    active: z.boolean(),
    deactivatedAt: z.string().nullable(),
    createdAt: z.string(),
    /** The one lender a user of role `lender` belongs to. */
    lenderId: z.uuid().nullable(),
    lenderName: z.string().nullable(),
    /** Invited and not yet accepted: the account has no password the person knows. */
    invitationPending: z.boolean(),
  })
  .meta({ id: 'AdminUser' });
export type TAdminUser = z.infer<typeof ZAdminUserSchema>;

export const ZListUsersQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  status: z.enum(['active', 'deactivated']).optional(),
  ...ZPage,
});
export type TListUsersQuery = z.infer<typeof ZListUsersQuery>;

export const ZUserPageSchema = z
  .object({ items: z.array(ZAdminUserSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: 'AdminUserPage' });

const ZPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { message: `mindestens ${MIN_PASSWORD_LENGTH} Zeichen` })
  .max(200, { message: 'höchstens 200 Zeichen' });

export const ZCreateUserSchema = z
  .strictObject({
    email: ZEmail,
    name: z.string().trim().min(1, { message: 'Pflichtfeld' }).max(200),
    role: z.enum(MANAGED_ROLES),
    /** Required for role `lender`, not allowed otherwise. */
    lenderId: z.uuid({ message: 'keine gültige ID' }).optional(),
    /** An initial password; without one the person gets an invitation mail to set their own. */
    password: ZPassword.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.role === 'lender' && !v.lenderId) ctx.addIssue({ code: 'custom', path: ['lenderId'], message: 'Pflichtfeld für Finanzierungspartner-Nutzer' });
    if (v.role !== 'lender' && v.lenderId) ctx.addIssue({ code: 'custom', path: ['lenderId'], message: 'nur für die Rolle Finanzierungspartner' });
  });
export type TCreateUser = z.infer<typeof ZCreateUserSchema>;

export const ZUpdateUserSchema = z.strictObject({
  name: z.string().trim().min(1, { message: 'Pflichtfeld' }).max(200).optional(),
  role: z.enum(MANAGED_ROLES).optional(),
  lenderId: z.uuid({ message: 'keine gültige ID' }).optional(),
  /** false deactivates (sessions end, sign-in refused), true reactivates. */
  active: z.boolean().optional(),
});
export type TUpdateUser = z.infer<typeof ZUpdateUserSchema>;

export const ZAcceptInvitationSchema = z.strictObject({
  token: z.string().min(20).max(200),
  password: ZPassword,
});

// ---------------------------------------------------------------------------------------------------
// Audit log search

const ZDateOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { message: 'Datum JJJJ-MM-TT oder ISO-Zeitpunkt' });

export const ZAuditQuery = z.strictObject({
  /** A user id, or part of the e-mail or name of the person who acted; `system` for jobs and seeding. */
  actor: z.string().trim().min(1).max(200).optional(),
  entityType: z.string().trim().min(1).max(100).optional(),
  entityId: z.string().trim().min(1).max(200).optional(),
  action: z.string().trim().min(1).max(100).optional(),
  /** From this Berlin day (or instant) on. */
  from: ZDateOrInstant.optional(),
  /** Up to and including this Berlin day (or up to this instant). */
  to: ZDateOrInstant.optional(),
  ...ZPage,
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorEmail: z.string().nullable(),
    actorName: z.string().nullable(),
    actorRole: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

export const ZAuditPageSchema = z
  .object({ items: z.array(ZAuditEntrySchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: 'AuditPage' });

export const ZAuditFacetsSchema = z
  .object({ actions: z.array(z.string()), entityTypes: z.array(z.string()) })
  .meta({ id: 'AuditFacets' });

// ---------------------------------------------------------------------------------------------------
// Business dashboard

export const FUNNEL_STAGES = ['submitted', 'matched', 'dispatched', 'offered', 'accepted', 'signature_ready', 'signed'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

const ZVolume = z.object({ key: z.string(), requests: z.number().int(), volume: z.string(), signed: z.number().int(), signedVolume: z.string() });
const ZResponses = {
  dispatched: z.number().int(),
  offered: z.number().int(),
  declined: z.number().int(),
  noAnswer: z.number().int(),
  /** Share of dispatches answered (offer or decline), 0..1; null without dispatches. */
  responseRate: z.number().nullable(),
  /** Share of dispatches answered with an offer, 0..1. */
  offerRate: z.number().nullable(),
};

/** Which history the dashboard counts: the real business, the market simulator's history, or both. */
export const BUSINESS_HISTORIES = ['real', 'simulated', 'all'] as const;
export type BusinessHistory = (typeof BUSINESS_HISTORIES)[number];

export const ZBusinessQuery = z.strictObject({
  days: z.coerce.number().int().min(1).max(366).default(30),
  /** `real` (default): requests of real companies only; `simulated`: only the simulated market; `all`: both. */
  history: z.enum(BUSINESS_HISTORIES).default('real'),
});

export const ZBusinessSchema = z
  .object({
    days: z.number().int(),
    /** The history counted (see the query parameter). */
    history: z.enum(BUSINESS_HISTORIES),
    /** First instant of the window: the start of the first Berlin day. */
    since: z.string(),
    requestsPerDay: z.array(z.object({ date: z.string(), submitted: z.number().int() })),
    funnel: z.array(z.object({ stage: z.enum(FUNNEL_STAGES), count: z.number().int() })),
    volumeByProduct: z.array(ZVolume.extend({ key: z.enum(PRODUCTS) })),
    volumeByFederalState: z.array(ZVolume),
    totalVolume: z.string(),
    timeToFirstOffer: z.object({ count: z.number().int(), medianSeconds: z.number().nullable(), p90Seconds: z.number().nullable() }),
    responsesByLenderType: z.array(z.object({ lenderType: z.enum(LENDER_TYPES), ...ZResponses })),
    topLenders: z.array(z.object({ lenderId: z.uuid(), name: z.string(), lenderType: z.enum(LENDER_TYPES), demo: z.boolean(), ...ZResponses })),
  })
  .meta({ id: 'BusinessDashboard' });
export type TBusiness = z.infer<typeof ZBusinessSchema>;

// ---------------------------------------------------------------------------------------------------
// Commission rules overview

const ZRuleValues = { rate: z.string(), minimum: z.string(), cap: z.string().nullable() };
export const ZCommissionRulesSchema = z
  .object({
    default: z.object(ZRuleValues),
    items: z.array(z.object({ lenderId: z.uuid(), lenderName: z.string(), lenderType: z.enum(LENDER_TYPES), demo: z.boolean(), ...ZRuleValues, updatedAt: z.string() })),
  })
  .meta({ id: 'CommissionRuleOverview' });
