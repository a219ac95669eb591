import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, type Problem } from '../../api/client';
import { useAuth } from '../../auth';
import { Field, ProblemAlert } from '../../components/Field';
import { homeOf } from '../home';

/** Accepting an invitation: the token comes in the link's fragment (never sent to servers in logs). */
export function Invitation() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { refresh } = useAuth();
  const token = decodeURIComponent(window.location.hash.replace(/^#/, ''));
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const { error } = await api.POST('/api/v1/invitations/accept', { body: { token, password } });
    if (error) return setProblem(error as Problem);
    const me = await refresh();
    navigate(homeOf(me?.role ?? ''));
  }
  return (
    <form className="card narrow" onSubmit={submit} aria-labelledby="invitation-title">
      <h1 id="invitation-title">{t('admin.invitation.title')}</h1>
      {!token && <p className="alert">{t('admin.invitation.missing')}</p>}
      <p>{t('admin.invitation.intro')}</p>
      <ProblemAlert problem={problem} />
      <Field
        label={t('admin.invitation.password')}
        type="password"
        autoComplete="new-password"
        hint={t('admin.invitation.hint')}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fieldErrors(problem ?? undefined).password}
        required
      />
      <div className="actions">
        <button className="primary" type="submit" disabled={!token}>
          {t('admin.invitation.submit')}
        </button>
      </div>
    </form>
  );
}
