export { AdminArea, AdminHome } from './AdminArea';
export { AdminUsers } from './AdminUsers';
export { AdminLenders } from './AdminLenders';
export { CommissionRules } from './CommissionRules';
export { AuditLog } from './AuditLog';
export { Invitation } from './Invitation';
export { ModelRegistry } from './ModelRegistry';
