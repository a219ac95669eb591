import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth';
import { setLanguage } from '../i18n';

export function Layout() {
  const { t, i18n } = useTranslation();
  const { me, logout } = useAuth();
  const navigate = useNavigate();
  return (
    <>
      <header className="topbar">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label={t('nav.main')}>
          {me?.role === 'borrower' && <NavLink to="/dashboard">{t('nav.dashboard')}</NavLink>}
          {(me?.role === 'advisor' || me?.role === 'admin') && (
            <>
              <NavLink to="/advisor/queue">{t('nav.queue')}</NavLink>
              <NavLink to="/advisor/preview">{t('advisor.nav.preview')}</NavLink>
            </>
          )}
          {me?.role === 'lender' && (
            <>
              <NavLink to="/lender" end>
                {t('lender.nav.inbox')}
              </NavLink>
              <NavLink to="/lender/contracts">{t('lender.nav.contracts')}</NavLink>
              <NavLink to="/lender/settings">{t('lender.nav.settings')}</NavLink>
            </>
          )}
          {(me?.role === 'advisor' || me?.role === 'admin' || me?.role === 'lender') && <NavLink to="/lenders">{t('nav.lenders')}</NavLink>}
          {me?.role === 'admin' && <NavLink to="/admin">{t('admin.area.title')}</NavLink>}
          {me?.role === 'advisor' && <NavLink to="/admin">{t('nav.admin')}</NavLink>}
          {(me?.role === 'analyst' || me?.role === 'admin') && <NavLink to="/analyst">{t('analyst.nav.data')}</NavLink>}
          {me && me.role !== 'lender' && me.role !== 'analyst' && <NavLink to="/mails">{t('nav.mails')}</NavLink>}
          <NavLink to="/calculator">{t('nav.calculator')}</NavLink>
          {!me && <NavLink to="/login">{t('nav.login')}</NavLink>}
          {!me && <NavLink to="/register">{t('nav.register')}</NavLink>}
        </nav>
        <div className="topbar-right">
          <label className="lang">
            <span className="sr-only">{t('nav.language')}</span>
            <select value={i18n.language} onChange={(e) => setLanguage(e.target.value as 'de' | 'en')}>
              <option value="de">DE</option>
              <option value="en">EN</option>
            </select>
          </label>
          {me && (
            <>
              <span className="who">
                {me.name} · {t(`roles.${me.role}`)}
              </span>
              <button
                className="link"
                onClick={async () => {
                  await logout();
                  navigate('/');
                }}
              >
                {t('nav.logout')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main">
        <Outlet />
      </main>
      <footer>
        <span>{t('app.demoNotice')}</span> · <a href="/docs">{t('nav.docs')}</a>
      </footer>
    </>
  );
}
