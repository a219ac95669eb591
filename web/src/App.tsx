import type { ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth, type Me } from './auth';
import { Layout } from './components/Layout';
import { Calculator } from './pages/Calculator';
import { Login, Register } from './pages/Auth';
import { CompanyNew } from './pages/CompanyNew';
import { ConsentsPage } from './pages/Consents';
import { Dashboard } from './pages/Dashboard';
import { AdminArea, AdminHome, AdminLenders, AdminUsers, AuditLog, CommissionRules, Invitation, ModelRegistry } from './pages/admin';
import { Mails } from './pages/Mails';
import { Financials } from './pages/Financials';
import { Landing } from './pages/Landing';
import { LenderDetail, Lenders } from './pages/Lenders';
import { LenderContracts, LenderInbox, LenderRequestDetail, LenderSettings } from './pages/lender';
import { RequestDetail } from './pages/RequestDetail';
import { RequestWizard } from './pages/wizard/RequestWizard';
import { CasePage, MatchPreview, Workspace } from './pages/advisor';
import { AnalystViews } from './pages/analyst';

/** Client-side guard for convenience only; the server enforces every permission itself. */
function RequireRole({ roles, children }: { roles: Me['role'][]; children: ReactNode }) {
  const { me, loading } = useAuth();
  const { t } = useTranslation();
  if (loading) return <p>{t('common.loading')}</p>;
  if (!me) return <Navigate to="/login" replace />;
  if (!roles.includes(me.role)) return <Navigate to="/" replace />;
  return <>{children}</>;
}

export function App() {
  const { t } = useTranslation();
  const borrower: Me['role'][] = ['borrower'];
  const staff: Me['role'][] = ['advisor', 'admin'];
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Landing />} />
        <Route path="login" element={<Login />} />
        <Route path="register" element={<Register />} />
        <Route path="calculator" element={<Calculator />} />
        <Route path="dashboard" element={<RequireRole roles={borrower}><Dashboard /></RequireRole>} />
        <Route path="companies/new" element={<RequireRole roles={borrower}><CompanyNew /></RequireRole>} />
        <Route path="companies/:id/consents" element={<RequireRole roles={[...borrower, ...staff]}><ConsentsPage /></RequireRole>} />
        <Route path="companies/:id/financials" element={<RequireRole roles={[...borrower, ...staff]}><Financials /></RequireRole>} />
        <Route path="requests/new" element={<RequireRole roles={borrower}><RequestWizard /></RequireRole>} />
        <Route path="requests/:id/edit" element={<RequireRole roles={borrower}><RequestWizard /></RequireRole>} />
        <Route path="requests/:id" element={<RequireRole roles={[...borrower, ...staff]}><RequestDetail /></RequireRole>} />
        <Route path="advisor/queue" element={<RequireRole roles={staff}><Workspace /></RequireRole>} />
        <Route path="advisor/cases/:id" element={<RequireRole roles={staff}><CasePage /></RequireRole>} />
        <Route path="advisor/preview" element={<RequireRole roles={staff}><MatchPreview /></RequireRole>} />
 <Route path="lenders" element={<RequireRole roles={[...staff, 'lender']}><Lenders /></RequireRole>} />
        <Route path="lenders/:id" element={<RequireRole roles={[...staff, 'lender']}><LenderDetail /></RequireRole>} />
        <Route path="lender" element={<RequireRole roles={['lender']}><LenderInbox /></RequireRole>} />
        <Route path="lender/requests/:id" element={<RequireRole roles={['lender']}><LenderRequestDetail /></RequireRole>} />
        <Route path="lender/contracts" element={<RequireRole roles={['lender']}><LenderContracts /></RequireRole>} />
        <Route path="lender/settings" element={<RequireRole roles={['lender']}><LenderSettings /></RequireRole>} />
        <Route path="mails" element={<RequireRole roles={['borrower', 'advisor', 'admin', 'partner']}><Mails /></RequireRole>} />
        <Route path="admin" element={<RequireRole roles={['admin', 'advisor']}><AdminArea /></RequireRole>}>
          <Route index element={<AdminHome />} />
          <Route path="lenders" element={<RequireRole roles={['admin']}><AdminLenders /></RequireRole>} />
          <Route path="users" element={<RequireRole roles={['admin']}><AdminUsers /></RequireRole>} />
          <Route path="commissions" element={<RequireRole roles={['admin']}><CommissionRules /></RequireRole>} />
          <Route path="audit" element={<RequireRole roles={['admin']}><AuditLog /></RequireRole>} />
          <Route path="models" element={<RequireRole roles={['admin']}><ModelRegistry /></RequireRole>} />
        </Route>
        <Route path="invitation" element={<Invitation />} />
        <Route path="analyst" element={<RequireRole roles={['analyst', 'admin']}><AnalystViews /></RequireRole>} />
        <Route path="analyst/:name" element={<RequireRole roles={['analyst', 'admin']}><AnalystViews /></RequireRole>} />
        <Route path="*" element={<p>{t('notFound')}</p>} />
      </Route>
    </Routes>
  );
}
