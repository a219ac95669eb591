import { NavLink, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth';
import { AdminDashboard } from '../AdminDashboard';
import { BusinessDashboard } from './BusinessDashboard';
import './admin.css';

/** The admin area: a sub-navigation over its sections. Advisors see the service levels only. */
export function AdminArea() {
  const { t } = useTranslation();
  const { me } = useAuth();
  return (
    <div>
      {me?.role === 'admin' && (
        <nav className="subnav" aria-label={t('admin.area.nav')}>
          <NavLink to="/admin" end>
            {t('admin.area.dashboard')}
          </NavLink>
          <NavLink to="/admin/lenders">{t('admin.area.lenders')}</NavLink>
          <NavLink to="/admin/users">{t('admin.area.users')}</NavLink>
          <NavLink to="/admin/commissions">{t('admin.area.commissions')}</NavLink>
          <NavLink to="/admin/models">{t('models.nav')}</NavLink>
          <NavLink to="/admin/audit">{t('admin.area.audit')}</NavLink>
        </nav>
      )}
      <Outlet />
    </div>
  );
}

/** The admin area's start page: the business at a glance and the service levels. */
export function AdminHome() {
  const { me } = useAuth();
  return (
    <div className="stack">
      {me?.role === 'admin' && <BusinessDashboard />}
      <AdminDashboard />
    </div>
  );
}
