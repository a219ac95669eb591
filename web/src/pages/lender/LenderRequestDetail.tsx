import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, type Problem } from '../../api/client';
import { DocumentList } from '../../components/DocumentsPanel';
import { ProblemAlert } from '../../components/Field';
import { formatDate, formatDateTime, formatEur, formatRate } from '../../format';
import { dispatchBadge, offerBadge, OPEN_REQUEST_STATUSES, type LenderRequest } from './lender-utils';
import { OfferForm } from './OfferForm';
import { TextAreaField } from './parts';

/** One dispatched request: what the lender needs to decide, its own offers, and the forms to answer. */
export function LenderRequestDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [request, setRequest] = useState<LenderRequest | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const load = useCallback(async () => {
    const { data, error } = await api.GET('/api/v1/lender/requests/{id}', { params: { path: { id } } });
    if (error) return setProblem(error as Problem);
    setProblem(null);
    setRequest(data);
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!request)
    return problem ? (
      <div className="stack">
        <ProblemAlert problem={problem} />
        <p>
          <Link to="/lender">{t('lender.detail.back')}</Link>
        </p>
      </div>
    ) : (
      <p>{t('common.loading')}</p>
    );

  const { company, dispatch } = request;
  const open = OPEN_REQUEST_STATUSES.includes(request.requestStatus) && dispatch.status !== 'declined';
  // "open" and "awarded elsewhere" are the lender's view of a request; a won deal shows the request's own status.
  const requestStatus = t(`lender.requestStatuses.${request.requestStatus}`, { defaultValue: t(`status.${request.requestStatus}`) });
  return (
    <div className="stack">
      <p>
        <Link to="/lender">{t('lender.detail.back')}</Link>
      </p>
      <section className="card" aria-labelledby="request-title">
        <h1 id="request-title">
          {t(`products.${request.product}`)}: {company.name}
        </h1>
        <p>
          <span className={dispatchBadge(dispatch.status)} data-testid="dispatch-status">
            {t(`lender.dispatchStatus.${dispatch.status}`)}
          </span>
        </p>
        <div className="grid">
          <div>
            <h2>{t('lender.detail.request')}</h2>
            <dl className="facts">
              <dt>{t('lender.detail.product')}</dt>
              <dd>{t(`products.${request.product}`)}</dd>
              <dt>{t('lender.detail.amount')}</dt>
              <dd>{formatEur(request.amount)}</dd>
              <dt>{t('lender.detail.term')}</dt>
              <dd>{t('request.months', { count: request.termMonths })}</dd>
              <dt>{t('lender.detail.purpose')}</dt>
              <dd>{request.purpose}</dd>
              <dt>{t('lender.detail.requestStatus')}</dt>
              <dd>{requestStatus}</dd>
              {request.submittedAt && (
                <>
                  <dt>{t('lender.detail.submittedAt')}</dt>
                  <dd>{formatDateTime(request.submittedAt)}</dd>
                </>
              )}
              <dt>{t('lender.detail.dispatchedAt')}</dt>
              <dd>{formatDateTime(dispatch.dispatchedAt)}</dd>
              <dt>{t('lender.detail.rank')}</dt>
              <dd>{dispatch.rank}</dd>
              {dispatch.respondedAt && (
                <>
                  <dt>{t('lender.detail.respondedAt')}</dt>
                  <dd>{formatDateTime(dispatch.respondedAt)}</dd>
                </>
              )}
              {dispatch.declineReason && (
                <>
                  <dt>{t('lender.detail.declineReason')}</dt>
                  <dd>{dispatch.declineReason}</dd>
                </>
              )}
            </dl>
          </div>
          <div>
            <h2>{t('lender.detail.company')}</h2>
            <dl className="facts">
              <dt>{t('lender.detail.companyName')}</dt>
              <dd>{company.name}</dd>
              <dt>{t('lender.detail.legalForm')}</dt>
              <dd>{t(`legalForms.${company.legalForm}`, { defaultValue: company.legalForm })}</dd>
              <dt>{t('lender.detail.registerNumber')}</dt>
              <dd>{company.registerNumber ?? '–'}</dd>
              <dt>{t('lender.detail.vatId')}</dt>
              <dd>{company.vatId ?? '–'}</dd>
              <dt>{t('lender.detail.address')}</dt>
              <dd>
                {company.street}, {company.postalCode} {company.city}
              </dd>
              <dt>{t('lender.detail.federalState')}</dt>
              <dd>{t(`lender.federalStates.${company.federalState}`, { defaultValue: company.federalState })}</dd>
              <dt>{t('lender.detail.industryCode')}</dt>
              <dd>
                {company.industryCode} – {company.industryLabel}
              </dd>
              <dt>{t('lender.detail.foundedOn')}</dt>
              <dd>{formatDate(company.foundedOn)}</dd>
              <dt>{t('lender.detail.employees')}</dt>
              <dd>{company.employees}</dd>
              <dt>{t('lender.detail.annualRevenue')}</dt>
              <dd>{formatEur(company.annualRevenue)}</dd>
            </dl>
          </div>
        </div>
        {!open && (
          <p className="notice">
            {dispatch.status === 'declined' ? t('lender.detail.declinedNotice') : t('lender.detail.closedNotice', { status: requestStatus })}
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="documents-title">
        <h2 id="documents-title">{t('documents.title')}</h2>
        {request.documentsAvailable ? <DocumentList items={request.documents} /> : <p className="notice">{t('documents.withheldForLender')}</p>}
      </section>

      <OwnOffers request={request} />
      {open && <OfferForm request={request} onCreated={load} />}
      {open && dispatch.status === 'sent' && <DeclineForm requestId={request.requestId} onDeclined={load} />}
    </div>
  );
}

function OwnOffers({ request }: { request: LenderRequest }) {
  const { t } = useTranslation();
  const offers = request.ownOffers;
  return (
    <section className="card" aria-labelledby="own-offers-title">
      <h2 id="own-offers-title">{t('lender.offers.title', { count: offers.length })}</h2>
      {offers.length === 0 ? (
        <p>{t('lender.offers.none')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
          <table data-testid="own-offers" aria-labelledby="own-offers-title">
            <thead>
              <tr>
                <th scope="col">{t('lender.offers.createdAt')}</th>
                <th scope="col" className="num">
                  {t('lender.offers.amount')}
                </th>
                <th scope="col" className="num">
                  {t('lender.offers.nominalRate')}
                </th>
                <th scope="col" className="num">
                  {t('lender.offers.effectiveRate')}
                </th>
                <th scope="col" className="num">
                  {t('lender.offers.term')}
                </th>
                <th scope="col" className="num">
                  {t('lender.offers.instalment')}
                </th>
                <th scope="col" className="num">
                  {t('lender.offers.totalCost')}
                </th>
                <th scope="col" className="num">
                  {t('lender.offers.commission')}
                </th>
                <th scope="col">{t('lender.offers.validUntil')}</th>
                <th scope="col">{t('lender.offers.status')}</th>
              </tr>
            </thead>
            <tbody>
              {offers.map((o) => (
                <tr key={o.id}>
                  <th scope="row">{formatDateTime(o.createdAt)}</th>
                  <td className="num">{formatEur(o.amount)}</td>
                  <td className="num" data-testid="offer-rate">
                    {formatRate(o.nominalRate)}
                  </td>
                  <td className="num">{formatRate(o.effectiveAnnualRate)}</td>
                  <td className="num">
                    {t('request.months', { count: o.termMonths })}
                    {o.graceMonths > 0 && (
                      <>
                        <br />
                        <small>{t('lender.offers.grace', { count: o.graceMonths })}</small>
                      </>
                    )}
                  </td>
                  <td className="num">{formatEur(o.instalment)}</td>
                  <td className="num">{formatEur(o.totalCost)}</td>
                  <td className="num">{formatEur(o.commission)}</td>
                  <td>{formatDate(o.validUntil)}</td>
                  <td>
                    <span className={offerBadge(o)}>{o.expired && o.status === 'open' ? t('lender.offerStatus.expired') : t(`lender.offerStatus.${o.status}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {offers.length > 0 && <p>{t('lender.offers.commissionNote')}</p>}
    </section>
  );
}

function DeclineForm({ requestId, onDeclined }: { requestId: string; onDeclined: () => void }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [local, setLocal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem ?? undefined);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const reason = String(new FormData(e.currentTarget).get('reason') ?? '').trim();
    if (!reason) return setLocal(t('lender.decline.reasonRequired'));
    setLocal(null);
    if (!window.confirm(t('lender.decline.confirm'))) return;
    setBusy(true);
    const { error } = await api.POST('/api/v1/lender/requests/{id}/decline', { params: { path: { id: requestId } }, body: { reason } });
    setBusy(false);
    if (error) return setProblem(error as Problem);
    setProblem(null);
    onDeclined();
  }

  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="decline-title">
      <h2 id="decline-title">{t('lender.decline.title')}</h2>
      <p>{t('lender.decline.lead')}</p>
      <ProblemAlert problem={problem} />
      <TextAreaField
        label={t('lender.decline.reason')}
        name="reason"
        required
        maxLength={1000}
        hint={t('lender.decline.reasonHint')}
        error={local ?? errors.reason}
      />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t('lender.decline.submit')}
        </button>
      </div>
    </form>
  );
}
