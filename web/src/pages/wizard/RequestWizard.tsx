import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { ProblemAlert } from '../../components/Field';
import { formatEur } from '../../format';
import { CompanyForm } from '../CompanyNew';
import { ConsentsForm } from '../Consents';
import { FinancialsEditor } from '../Financials';
import { DocumentsStep } from './DocumentsStep';
import { NeedForm } from './NeedForm';
import { STEPS, reachableSteps, type Step } from './steps';

type Company = components['schemas']['Company'];
type FinancingRequest = components['schemas']['FinancingRequest'];
type Consents = components['schemas']['Consents'];

/**
 * The request wizard: company → financials → financing need → documents → consents → review.
 * Every step saves to the server as it goes (company, statements, the request as a draft, documents,
 * consents), so a borrower can leave and continue later from the dashboard; the step is in the URL.
 */
export function RequestWizard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams();
  const [search, setSearch] = useSearchParams();
  const [companies, setCompanies] = useState<Company[] | null>(null);
  const [companyId, setCompanyId] = useState<string | null>(search.get('company'));
  const [request, setRequest] = useState<FinancingRequest | null>(null);
  const [consents, setConsents] = useState<Consents | null>(null);
  const [financialYears, setFinancialYears] = useState(0);
  const [problem, setProblem] = useState<Problem | null>(null);

  const requested = search.get('step') as Step | null;
  const reachable = reachableSteps({ companyId, requestId: request?.id ?? null });
  const step: Step = requested && reachable.includes(requested) ? requested : reachable[reachable.length - 1] === 'review' ? 'review' : id ? 'need' : 'company';

  const goTo = useCallback(
    (next: Step, requestId = request?.id) => {
      const params: Record<string, string> = { step: next };
      if (!requestId && companyId) params.company = companyId;
      if (requestId && !id) navigate(`/requests/${requestId}/edit?step=${next}`);
      else setSearch(params);
      window.scrollTo?.(0, 0);
    },
    [companyId, id, navigate, request?.id, setSearch],
  );

  useEffect(() => {
    void api.GET('/api/v1/companies').then(({ data }) => setCompanies(data?.items ?? []));
  }, []);
  useEffect(() => {
    if (!id) return;
    void api.GET('/api/v1/financing-requests/{id}', { params: { path: { id } } }).then(({ data, error }) => {
      if (error) return setProblem(error as Problem);
      // Only drafts are edited here; a submitted request lives on its own page.
      if (data.status !== 'draft') return navigate(`/requests/${data.id}`, { replace: true });
      setRequest(data);
      setCompanyId(data.companyId);
    });
  }, [id, navigate]);
  useEffect(() => {
    if (!companyId) return;
    void api.GET('/api/v1/companies/{id}/consents', { params: { path: { id: companyId } } }).then(({ data }) => setConsents(data ?? null));
  }, [companyId]);

  if (!companies || (id && !request)) return problem ? <ProblemAlert problem={problem} /> : <p>{t('common.loading')}</p>;
  const company = companies.find((c) => c.id === companyId) ?? null;

  async function submit() {
    if (!request) return;
    const { error } = await api.POST('/api/v1/financing-requests/{id}/submit', { params: { path: { id: request.id } } });
    if (error) return setProblem(error as Problem);
    navigate(`/requests/${request.id}`);
  }

  let body: ReactNode;
  if (step === 'company') {
    body = (
      <CompanyStep
        companies={companies}
        selected={companyId}
        locked={!!request}
        onChoose={(cid) => {
          setCompanyId(cid);
          setSearch({ step: 'financials', company: cid });
        }}
        onCreated={(cid) => {
          void api.GET('/api/v1/companies').then(({ data }) => setCompanies(data?.items ?? []));
          setCompanyId(cid);
          setSearch({ step: 'financials', company: cid });
        }}
      />
    );
  } else if (step === 'financials' && companyId) {
    body = (
      <>
        <FinancialsEditor companyId={companyId} embedded onChange={setFinancialYears} />
        {financialYears < 2 && <p className="muted">{t('wizard.financialsHint')}</p>}
        <Nav onBack={() => goTo('company')} onNext={() => goTo('need')} />
      </>
    );
  } else if (step === 'need' && companyId) {
    body = (
      <NeedForm
        companyId={companyId}
        request={request}
        onBack={() => goTo('financials')}
        onSaved={(saved) => {
          setRequest(saved);
          goTo('documents', saved.id);
        }}
      />
    );
  } else if (step === 'documents' && request) {
    body = (
      <>
        <DocumentsStep request={request} />
        <Nav onBack={() => goTo('need')} onNext={() => goTo('consents')} />
      </>
    );
  } else if (step === 'consents' && companyId) {
    body = (
      <>
        <ConsentsForm companyId={companyId} embedded onSaved={setConsents} />
        <Nav onBack={() => goTo('documents')} onNext={() => goTo('review')} />
      </>
    );
  } else if (step === 'review' && request) {
    const missingConsents = (['dataProcessing', 'lenderSharing'] as const).filter((k) => !consents?.[k]);
    body = (
      <section className="card stack">
        <h2>{t('wizard.steps.review')}</h2>
        <dl className="facts">
          <dt>{t('request.company')}</dt>
          <dd>{company?.name ?? request.companyName}</dd>
          <dt>{t('request.product')}</dt>
          <dd>{t(`products.${request.product}`)}</dd>
          <dt>{t('request.amount')}</dt>
          <dd>{formatEur(request.amount)}</dd>
          <dt>{t('request.termMonths')}</dt>
          <dd>{t('request.months', { count: request.termMonths })}</dd>
          <dt>{t('request.purpose')}</dt>
          <dd>{request.purpose}</dd>
        </dl>
        <DocumentsStep request={request} summaryOnly />
        {missingConsents.length > 0 ? (
          <div className="alert" role="alert">
            {t('wizard.consentsMissing')}{' '}
            <button type="button" className="link" onClick={() => goTo('consents')}>
              {t('wizard.steps.consents')}
            </button>
          </div>
        ) : (
          <p>{t('wizard.consentsOk')}</p>
        )}
        <ProblemAlert problem={problem} />
        <p className="muted">{t('wizard.submitLead')}</p>
        <div className="actions">
          <button type="button" onClick={() => goTo('consents')}>
            {t('common.back')}
          </button>
          <button type="button" className="primary" onClick={submit} disabled={missingConsents.length > 0}>
            {t('request.submit')}
          </button>
          <Link to="/dashboard">{t('wizard.later')}</Link>
        </div>
      </section>
    );
  }

  return (
    <div className="stack">
      <h1>{request ? t('wizard.editTitle') : t('request.newTitle')}</h1>
      {request && <p className="muted">{t('wizard.draftSaved')}</p>}
      <nav aria-label={t('wizard.progress')}>
        <ol className="wizard-steps">
          {STEPS.map((s, i) => {
            const enabled = reachable.includes(s);
            return (
              <li key={s} className={s === step ? 'current' : enabled ? 'reachable' : ''}>
                {enabled && s !== step ? (
                  <button type="button" className="link" onClick={() => goTo(s)}>
                    {i + 1}. {t(`wizard.steps.${s}`)}
                  </button>
                ) : (
                  <span aria-current={s === step ? 'step' : undefined}>
                    {i + 1}. {t(`wizard.steps.${s}`)}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      </nav>
      {body}
    </div>
  );
}

function Nav({ onBack, onNext }: { onBack: () => void; onNext: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      <button type="button" onClick={onBack}>
        {t('common.back')}
      </button>
      <button type="button" className="primary" onClick={onNext}>
        {t('wizard.next')}
      </button>
    </div>
  );
}

function CompanyStep(props: {
  companies: Company[];
  selected: string | null;
  locked: boolean;
  onChoose: (id: string) => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(props.companies.length === 0);
  if (props.locked) {
    const c = props.companies.find((x) => x.id === props.selected);
    return (
      <section className="card">
        <h2>{t('wizard.steps.company')}</h2>
        <p>{c ? `${c.name} · ${c.postalCode} ${c.city}` : ''}</p>
        <p className="muted">{t('wizard.companyLocked')}</p>
        <button type="button" className="primary" onClick={() => props.onChoose(props.selected!)}>
          {t('wizard.next')}
        </button>
      </section>
    );
  }
  return (
    <div className="stack">
      {props.companies.length > 0 && (
        <section className="card">
          <h2>{t('wizard.chooseCompany')}</h2>
          <ul className="list">
            {props.companies.map((c) => (
              <li key={c.id}>
                <button type="button" className={c.id === props.selected ? 'primary' : ''} onClick={() => props.onChoose(c.id)}>
                  {c.name}
                </button>{' '}
                <small>
                  {c.legalForm} · {c.postalCode} {c.city} · {c.industryLabel}
                </small>
              </li>
            ))}
          </ul>
          {!creating && (
            <button type="button" onClick={() => setCreating(true)}>
              {t('wizard.newCompany')}
            </button>
          )}
        </section>
      )}
      {creating && <CompanyForm embedded onCreated={props.onCreated} />}
    </div>
  );
}
