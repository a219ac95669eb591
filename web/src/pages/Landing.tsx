import { Link, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth';
import { homeOf } from './home';

export function Landing() {
  const { t } = useTranslation();
  const { me } = useAuth();
  if (me) return <Navigate to={homeOf(me.role)} replace />;
  return (
    <section className="hero">
      <h1>{t('landing.title')}</h1>
      <p className="lead">{t('landing.lead')}</p>
      <ul className="points">
        {(['broker', 'free', 'consent', 'speed'] as const).map((k) => (
          <li key={k}>{t(`landing.points.${k}`)}</li>
        ))}
      </ul>
      <h2>{t('landing.howTitle')}</h2>
      <ol className="steps">
        {(['describe', 'match', 'compare', 'sign'] as const).map((k) => (
          <li key={k}>
            <strong>{t(`landing.how.${k}.title`)}</strong> {t(`landing.how.${k}.text`)}
          </li>
        ))}
      </ol>
      <p>
        {t('landing.calculatorLead')} <Link to="/calculator">{t('landing.calculatorLink')}</Link>
      </p>
      <p>
        <Link className="button primary" to="/register">
          {t('landing.cta')}
        </Link>{' '}
        <Link to="/login">{t('landing.haveAccount')}</Link>
      </p>
    </section>
  );
}
