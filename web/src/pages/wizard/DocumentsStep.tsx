import type { components } from '../../api/schema';
import { DocumentsPanel } from '../../components/DocumentsPanel';

type FinancingRequest = components['schemas']['FinancingRequest'];

/**
 * The documents step: the product's checklist (what is still missing), the uploaded documents and the
 * upload with its progress bar. On the review page the same panel, read-only, shows what is missing.
 */
export function DocumentsStep({ request, summaryOnly = false }: { request: FinancingRequest; summaryOnly?: boolean }) {
  return <DocumentsPanel requestId={request.id} companyId={request.companyId} readOnly={summaryOnly} compact={summaryOnly} />;
}
