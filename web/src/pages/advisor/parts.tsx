import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';

type ServiceLevel = components['schemas']['ServiceLevel'];

/** "3 Std. 20 Min." from whole minutes. */
export function useWaiting() {
  const { t } = useTranslation();
  return (minutes: number | null) => {
    if (minutes === null) return '–';
    if (minutes < 60) return t('advisor.waiting.minutes', { count: minutes });
    const hours = Math.floor(minutes / 60);
    if (hours < 24) return t('advisor.waiting.hours', { hours, minutes: minutes % 60 });
    return t('advisor.waiting.days', { days: Math.floor(hours / 24), hours: hours % 24 });
  };
}

const SYMBOL: Record<ServiceLevel['state'], string> = { green: '●', amber: '▲', red: '■', none: '' };

/** The service level as a badge: colour, a shape and the word, so it never depends on colour alone. */
export function SlaBadge({ level }: { level: ServiceLevel }) {
  const { t } = useTranslation();
  if (level.state === 'none') return <span className="sla sla-none">{t('advisor.sla.none')}</span>;
  return (
    <span className={`sla sla-${level.state}`} data-testid="sla" title={t('advisor.sla.label', { state: t(`advisor.sla.${level.state}`) })}>
      <span aria-hidden="true">{SYMBOL[level.state]}</span>
      {t(`advisor.sla.${level.state}`)}
    </span>
  );
}
