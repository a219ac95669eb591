import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/app-error.js';
import type { Actor } from '../audit/audit.js';
import type { Role } from './schema.js';
import type { SessionUser } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

/** The signed-in user, or 401. */
export function requireUser(req: FastifyRequest): SessionUser {
  if (!req.user) throw new AppError('unauthenticated', 'Bitte melden Sie sich an.');
  return req.user;
}

/** The signed-in user if it has one of the roles; 401 when anonymous, 403 otherwise. */
export function requireRole(req: FastifyRequest, ...roles: Role[]): SessionUser {
  const user = requireUser(req);
  if (!roles.includes(user.role)) {
    throw new AppError('forbidden', `Diese Aktion ist für die Rolle „${user.role}“ nicht erlaubt.`);
  }
  return user;
}

export function actorOf(req: FastifyRequest): Actor {
  return { userId: req.user?.id ?? null, role: req.user?.role ?? 'anonymous', requestId: req.id };
}
