/** The admin area: accounts and roles, invitations, audit log search, the business dashboard. */
export { userInvitations } from './schema.js';
export { adminRoutes } from './routes.js';
export { INVITATION_MAIL_QUEUE, sendInvitationMail } from './users.service.js';
export { MANAGED_ROLES, type ManagedRole } from './admin.types.js';
