import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { Field, ProblemAlert, SelectField } from '../../components/Field';
import { formatDate } from '../../format';
import { Paging } from './Paging';

type User = components['schemas']['AdminUser'];
type Lender = components['schemas']['Lender'];
type Role = User['role'];
const MANAGED_ROLES = ['advisor', 'admin', 'analyst', 'partner', 'lender'] as const;
type ManagedRole = (typeof MANAGED_ROLES)[number];
const ALL_ROLES: Role[] = ['borrower', ...MANAGED_ROLES];
const PAGE_SIZE = 20;

/** Lenders for the lender-user select (loaded once; the list API answers all lenders to admins). */
function useLenders() {
  const [lenders, setLenders] = useState<Lender[]>([]);
  useEffect(() => {
    void api.GET('/api/v1/lenders', { params: { query: {} } }).then(({ data }) => setLenders(data?.items ?? []));
  }, []);
  return lenders;
}

function UserRow({ user, lenders, onChanged }: { user: User; lenders: Lender[]; onChanged: (u: User | null, p?: Problem) => void }) {
  const { t } = useTranslation();
  const [role, setRole] = useState<Role>(user.role);
  const [lenderId, setLenderId] = useState(user.lenderId ?? '');
  useEffect(() => {
    setRole(user.role);
    setLenderId(user.lenderId ?? '');
  }, [user]);

  async function patch(body: { role?: ManagedRole; lenderId?: string; active?: boolean }) {
    const { data, error } = await api.PATCH('/api/v1/admin/users/{id}', { params: { path: { id: user.id } }, body });
    onChanged(data ?? null, error as Problem | undefined);
  }
  async function resend() {
    const { data, error } = await api.POST('/api/v1/admin/users/{id}/invitation', { params: { path: { id: user.id } } });
    onChanged(data ?? null, error as Problem | undefined);
  }
  const changed = role !== user.role || (role === 'lender' && lenderId !== (user.lenderId ?? ''));
  return (
    <tr className={user.active ? undefined : 'inactive'}>
      <td>
        {user.name}
        <br />
        <small>{user.email}</small>
      </td>
      <td>
        {user.role === 'borrower' ? (
          t('roles.borrower')
        ) : (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void patch({ ...(role !== user.role ? { role: role as ManagedRole } : {}), ...(role === 'lender' && lenderId ? { lenderId } : {}) });
            }}
          >
            <select aria-label={t('admin.users.changeRole', { name: user.name })} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {MANAGED_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
            {role === 'lender' && (
              <select aria-label={t('admin.users.changeLender', { name: user.name })} value={lenderId} onChange={(e) => setLenderId(e.target.value)}>
                <option value="">{t('admin.users.chooseLender')}</option>
                {lenders.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            )}
            {changed && <button type="submit">{t('admin.users.apply')}</button>}
          </form>
        )}
        {user.role === 'lender' && user.lenderName && role === user.role && !changed && <small>{user.lenderName}</small>}
      </td>
      <td>
        {user.active ? t('admin.users.active') : t('admin.users.deactivated')}
        {user.invitationPending && (
          <>
            {' '}
            <span className="badge">{t('admin.users.invited')}</span>
          </>
        )}
      </td>
      <td>{formatDate(user.createdAt)}</td>
      <td>
        {user.active && user.invitationPending && (
          <>
            <button type="button" onClick={() => void resend()} aria-label={t('admin.users.resendFor', { name: user.name })}>
              {t('admin.users.resend')}
            </button>{' '}
          </>
        )}
        {user.active ? (
          <button type="button" onClick={() => window.confirm(t('admin.users.confirmDeactivate', { name: user.name })) && void patch({ active: false })}>
            {t('admin.users.deactivate')}
          </button>
        ) : (
          <button type="button" onClick={() => void patch({ active: true })}>
            {t('admin.users.reactivate')}
          </button>
        )}
      </td>
    </tr>
  );
}

function CreateUser({ lenders, onCreated }: { lenders: Lender[]; onCreated: () => void }) {
  const { t } = useTranslation();
  const empty = { email: '', name: '', role: 'advisor' as ManagedRole, lenderId: '', password: '' };
  const [form, setForm] = useState(empty);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const errors = fieldErrors(problem ?? undefined);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const { data, error } = await api.POST('/api/v1/admin/users', {
      body: {
        email: form.email,
        name: form.name,
        role: form.role,
        ...(form.role === 'lender' && form.lenderId ? { lenderId: form.lenderId } : {}),
        ...(form.password ? { password: form.password } : {}),
      },
    });
    if (error) return setProblem(error as Problem);
    setProblem(null);
    setDone(t(data.invitationPending ? 'admin.users.createdInvited' : 'admin.users.createdWithPassword', { email: data.email }));
    setForm(empty);
    onCreated();
  }
  return (
    <form className="card" onSubmit={submit} aria-labelledby="new-user">
      <h2 id="new-user">{t('admin.users.new')}</h2>
      <ProblemAlert problem={problem} />
      <div className="grid">
        <Field label={t('admin.users.name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} error={errors.name} required />
        <Field label={t('admin.users.email')} type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} error={errors.email} required />
        <SelectField label={t('admin.users.role')} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as ManagedRole })} error={errors.role}>
          {MANAGED_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </SelectField>
        {form.role === 'lender' && (
          <SelectField label={t('admin.users.lender')} value={form.lenderId} onChange={(e) => setForm({ ...form, lenderId: e.target.value })} error={errors.lenderId} required>
            <option value="">{t('admin.users.chooseLender')}</option>
            {lenders.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </SelectField>
        )}
        <Field
          label={t('admin.users.password')}
          type="password"
          autoComplete="new-password"
          hint={t('admin.users.passwordHint')}
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
          error={errors.password}
        />
      </div>
      <div className="actions">
        <button className="primary" type="submit">
          {t('admin.users.create')}
        </button>
        {done && <span role="status">{done}</span>}
      </div>
    </form>
  );
}

/** Accounts and roles: search, filter, page; change role or lender, deactivate and reactivate; create. */
export function AdminUsers() {
  const { t } = useTranslation();
  const lenders = useLenders();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [status, setStatus] = useState<'' | 'active' | 'deactivated'>('');
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<components['schemas']['AdminUserPage'] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);

  const load = useCallback(async () => {
    const query = { page, pageSize: PAGE_SIZE, ...(q ? { q } : {}), ...(role ? { role } : {}), ...(status ? { status } : {}) };
    const { data } = await api.GET('/api/v1/admin/users', { params: { query } });
    setResult(data ?? null);
  }, [q, role, status, page]);
  useEffect(() => {
    const timer = setTimeout(() => void load(), 200);
    return () => clearTimeout(timer);
  }, [load]);

  return (
    <div className="stack">
      <section className="card" aria-labelledby="users-title">
        <h1 id="users-title">{t('admin.users.title')}</h1>
        <div className="filters">
          <Field label={t('admin.users.search')} type="search" value={q} onChange={(e) => (setQ(e.target.value), setPage(1))} />
          <SelectField label={t('admin.users.role')} value={role} onChange={(e) => (setRole(e.target.value as Role | ''), setPage(1))}>
            <option value="">{t('admin.users.allRoles')}</option>
            {ALL_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('admin.users.status')} value={status} onChange={(e) => (setStatus(e.target.value as typeof status), setPage(1))}>
            <option value="">{t('admin.users.allStatuses')}</option>
            <option value="active">{t('admin.users.active')}</option>
            <option value="deactivated">{t('admin.users.deactivated')}</option>
          </SelectField>
        </div>
        <ProblemAlert problem={problem} />
        {saved && !problem && <p role="status">{t('admin.users.saved')}</p>}
        <div className="table-scroll">
          <table data-testid="users-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.users.name')}</th>
                <th scope="col">{t('admin.users.role')}</th>
                <th scope="col">{t('admin.users.status')}</th>
                <th scope="col">{t('admin.users.created')}</th>
                <th scope="col">{t('admin.users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {result?.items.map((u) => (
                <UserRow
                  key={u.id}
                  user={u}
                  lenders={lenders}
                  onChanged={(_, p) => {
                    setProblem(p ?? null);
                    setSaved(!p);
                    void load();
                  }}
                />
              ))}
              {result?.items.length === 0 && (
                <tr>
                  <td colSpan={5}>{t('admin.users.none')}</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        {result && <Paging page={result.page} pageSize={result.pageSize} total={result.total} onPage={setPage} />}
      </section>
      <CreateUser lenders={lenders} onCreated={() => void load()} />
    </div>
  );
}
