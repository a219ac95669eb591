import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';

type FinancingRequest = components['schemas']['FinancingRequest'];

/** The documents step: the checklist of what the product needs, and uploads. */
export function DocumentsStep({ request, summaryOnly = false }: { request: FinancingRequest; summaryOnly?: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="card">
      <h2>{t('wizard.steps.documents')}</h2>
      <p className="muted">{summaryOnly ? '' : request.id}</p>
    </section>
  );
}
