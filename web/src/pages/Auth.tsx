import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, type Problem } from '../api/client';
import { useAuth } from '../auth';
import { Field, ProblemAlert } from '../components/Field';
import { homeOf } from './home';

export function Login() {
  const { t } = useTranslation();
  const { refresh } = useAuth();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<Problem | null>(null);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const { error } = await api.POST('/api/v1/auth/login', {
      body: { email: String(f.get('email')), password: String(f.get('password')) },
    });
    if (error) return setProblem(error as Problem);
    const me = await refresh();
    navigate(homeOf(me?.role ?? 'borrower'));
  }
  return (
    <form className="card narrow" onSubmit={onSubmit} noValidate>
      <h1>{t('auth.loginTitle')}</h1>
      <ProblemAlert problem={problem} />
      <Field label={t('auth.email')} name="email" type="email" autoComplete="email" required />
      <Field label={t('auth.password')} name="password" type="password" autoComplete="current-password" required />
      <button className="primary" type="submit">
        {t('auth.submitLogin')}
      </button>
      <p>
        <Link to="/register">{t('auth.noAccount')}</Link>
      </p>
    </form>
  );
}

export function Register() {
  const { t } = useTranslation();
  const { refresh } = useAuth();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<Problem | null>(null);
  const errors = fieldErrors(problem ?? undefined);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const { error } = await api.POST('/api/v1/auth/register', {
      body: { name: String(f.get('name')), email: String(f.get('email')), password: String(f.get('password')) },
    });
    if (error) return setProblem(error as Problem);
    await refresh();
    navigate('/dashboard');
  }
  return (
    <form className="card narrow" onSubmit={onSubmit} noValidate>
      <h1>{t('auth.registerTitle')}</h1>
      <ProblemAlert problem={problem} />
      <Field label={t('auth.name')} name="name" autoComplete="name" required error={errors.name} />
      <Field label={t('auth.email')} name="email" type="email" autoComplete="email" required error={errors.email} />
      <Field
        label={t('auth.password')}
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={10}
        required
        hint={t('auth.passwordHint')}
        error={errors.password}
      />
      <button className="primary" type="submit">
        {t('auth.submitRegister')}
      </button>
    </form>
  );
}
