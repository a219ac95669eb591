import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { ProblemAlert } from '../../components/Field';
import { formatDateTime } from '../../format';

type Delivery = components['schemas']['WebhookDelivery'];

/** The delivery log of the lender's webhook: what was sent, how often, with which answer; failed ones can be sent again. */
export function WebhookDeliveries() {
  const { t } = useTranslation();
  const [items, setItems] = useState<Delivery[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const load = useCallback(async () => {
    const { data, error } = await api.GET('/api/v1/lender/webhook/deliveries', { params: { query: {} } });
    if (error) setProblem(error as Problem);
    else setItems(data.items);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  async function redeliver(id: string) {
    const { error } = await api.POST('/api/v1/lender/webhook/deliveries/{id}/redeliver', { params: { path: { id } } });
    if (error) return setProblem(error as Problem);
    setProblem(null);
    await load();
  }
  return (
    <section className="card" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">{t('lender.deliveries.title')}</h2>
      <ProblemAlert problem={problem} />
      {items?.length === 0 && <p>{t('lender.deliveries.none')}</p>}
      {items && items.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('lender.deliveries.createdAt')}</th>
                <th scope="col">{t('lender.deliveries.event')}</th>
                <th scope="col">{t('lender.deliveries.status')}</th>
                <th scope="col" className="num">{t('lender.deliveries.attempts')}</th>
                <th scope="col">{t('lender.deliveries.answer')}</th>
                <th scope="col">
                  <span className="sr-only">{t('lender.deliveries.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <td>{formatDateTime(d.createdAt)}</td>
                  <td>
                    <code>{d.event}</code>
                  </td>
                  <td>
                    <span className={`badge delivery-${d.status}`}>{t(`lender.deliveries.state.${d.status}`)}</span>
                  </td>
                  <td className="num">{d.attempts}</td>
                  <td>
                    {d.lastStatusCode ?? '–'} {d.lastError && <small>{d.lastError}</small>}
                  </td>
                  <td>{d.status === 'failed' && <button onClick={() => redeliver(d.id)}>{t('lender.deliveries.redeliver')}</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
