CREATE INDEX "dispatches_match_run_idx" ON "dispatches" USING btree ("match_run_id");--> statement-breakpoint
CREATE INDEX "offers_dispatch_idx" ON "offers" USING btree ("dispatch_id");--> statement-breakpoint
-- Analyst views, second round (docs/analyst-views.md): the tables added since 0009 (documents, approval models,
-- the advisor workspace, invitations, simulation runs) and the flags analysts need to tell simulated history
-- from real history and deactivated accounts from active ones. Same pseudonyms as 0009. Existing views only gain
-- columns at their end (CREATE OR REPLACE VIEW), so column positions of earlier exports stay valid.
-- Withheld: document file names (they often name people), hashes and storage keys; the serialised model
-- parameters (megabytes for boosted trees: only their algorithm and size); note and message texts (only their
-- length); invitation tokens. The e-mail address of an invitation is the user's and never appears.
CREATE OR REPLACE VIEW "analyst"."companies" AS
SELECT
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'company', c.id) AS company_key,
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'user', c.owner_id) AS owner_key,
	CASE WHEN c.legal_form IN ('e.K.', 'Einzelunternehmen', 'freelancer', 'GbR', 'PartG') THEN NULL ELSE c.name END AS company_name,
	c.legal_form IN ('e.K.', 'Einzelunternehmen', 'freelancer', 'GbR', 'PartG') AS name_withheld,
	c.legal_form,
	c.industry_code,
	c.federal_state,
	left(c.postal_code, 2) AS postal_region,
	extract(year FROM c.founded_on)::integer AS founded_year,
	c.employees,
	c.annual_revenue,
	c.register_number IS NOT NULL AS has_register_entry,
	c.vat_id IS NOT NULL AS has_vat_number,
	c.created_at,
	c.updated_at,
	c.simulated
FROM public.companies c CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
CREATE OR REPLACE VIEW "analyst"."users" AS
SELECT
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'user', u.id) AS user_key,
	u.role,
	u.created_at,
	u.deactivated_at IS NOT NULL AS deactivated,
	u.deactivated_at
FROM public.users u CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
CREATE OR REPLACE VIEW "analyst"."financing_requests" AS
SELECT
	r.id AS request_id,
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'company', r.company_id) AS company_key,
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'user', r.created_by) AS created_by_key,
	r.product,
	r.amount,
	r.term_months,
	r.status,
	r.submitted_at,
	r.created_at,
	r.updated_at,
	c.simulated
FROM public.financing_requests r JOIN public.companies c ON c.id = r.company_id CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
CREATE OR REPLACE VIEW "analyst"."dispatches" AS
SELECT
	d.id AS dispatch_id,
	d.request_id,
	d.lender_id,
	d.match_run_id,
	d.rank,
	d.status,
	d.dispatched_at,
	d.responded_at,
	d.decline_reason IS NOT NULL AS has_decline_reason,
	CASE WHEN l.demo THEN d.decline_reason END AS simulated_decline_reason,
	c.simulated
FROM public.dispatches d
	JOIN public.lenders l ON l.id = d.lender_id
	JOIN public.financing_requests r ON r.id = d.request_id
	JOIN public.companies c ON c.id = r.company_id;
--> statement-breakpoint
CREATE OR REPLACE VIEW "analyst"."offers" AS
SELECT
	o.id AS offer_id,
	o.request_id,
	o.lender_id,
	o.dispatch_id,
	o.amount,
	o.nominal_rate,
	o.term_months,
	o.amortization,
	o.grace_months,
	o.fees,
	o.collateral IS NOT NULL AS has_collateral,
	o.conditions IS NOT NULL AS has_conditions,
	o.valid_until,
	o.status,
	o.calculated_from,
	o.effective_annual_rate,
	o.instalment,
	o.total_interest,
	o.total_fees,
	o.total_cost,
	o.commission,
	o.created_at,
	o.decided_at,
	c.simulated
FROM public.offers o
	JOIN public.financing_requests r ON r.id = o.request_id
	JOIN public.companies c ON c.id = r.company_id;
--> statement-breakpoint
CREATE VIEW "analyst"."documents" AS
SELECT
	d.id AS document_id,
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'company', d.company_id) AS company_key,
	d.request_id,
	CASE WHEN d.request_id IS NULL THEN 'company' ELSE 'request' END AS scope,
	d.kind,
	d.fiscal_year,
	d.as_of,
	d.content_type AS detected_type,
	d.size AS size_bytes,
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'user', d.uploaded_by) AS uploaded_by_key,
	d.uploaded_at
FROM public.documents d CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analyst"."ml_models" AS
SELECT
	m.id AS model_id,
	m.kind,
	m.version,
	m.status,
	m.training_from,
	m.training_to,
	m.features,
	m.metrics,
	m.parameters ->> 'kind' AS algorithm,
	octet_length(m.parameters::text)::integer AS parameters_bytes,
	m.created_at,
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'user', m.created_by) AS created_by_key,
	m.activated_at,
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'user', m.activated_by) AS activated_by_key
FROM public.ml_models m CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analyst"."ml_model_activations" AS
SELECT
	a.id AS activation_id,
	a.kind,
	a.model_id,
	m.version,
	a.action,
	a.at,
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'user', a.actor_id) AS actor_key
FROM public.ml_model_activations a JOIN public.ml_models m ON m.id = a.model_id CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analyst"."case_assignments" AS
SELECT
	a.request_id,
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'user', a.advisor_id) AS advisor_key,
	a.method,
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'user', a.assigned_by) AS assigned_by_key,
	a.assigned_at
FROM public.case_assignments a CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analyst"."advisor_rotation" AS
SELECT
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'user', r.advisor_id) AS advisor_key,
	r.last_sequence,
	r.last_assigned_at,
	r.assigned_count
FROM public.advisor_rotation r CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analyst"."case_notes" AS
SELECT
	n.id AS note_id,
	n.request_id,
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'user', n.author_id) AS author_key,
	n.created_at,
	char_length(n.body)::integer AS text_length
FROM public.case_notes n CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analyst"."request_messages" AS
SELECT
	m.id AS message_id,
	m.request_id,
	m.side AS sender_side,
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'user', m.author_id) AS sender_key,
	m.created_at AS sent_at,
	m.read_at,
	char_length(m.body)::integer AS text_length
FROM public.request_messages m CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analyst"."user_invitations" AS
SELECT
	i.id AS invitation_id,
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'user', i.user_id) AS user_key,
	u.role,
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'user', i.created_by) AS invited_by_key,
	i.created_at,
	i.sent_at,
	i.expires_at,
	i.accepted_at
FROM public.user_invitations i JOIN public.users u ON u.id = i.user_id CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analyst"."simulation_runs" AS
SELECT
	s.id AS run_id,
	s.seed,
	s.months,
	s.window_from,
	s.window_until,
	s.counts,
	round(s.oracle_auc::numeric, 6) AS oracle_auc,
	s.millis AS duration_ms,
	s.created_at,
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'user', s.created_by) AS created_by_key
FROM public.simulation_runs s CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
-- New views get SELECT through the default privileges of 0009 where they apply; granted explicitly as well,
-- because default privileges only cover views created by the role that set them.
DO $$
BEGIN
	IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'kreditplatz_analyst') THEN
		GRANT USAGE ON SCHEMA analyst TO kreditplatz_analyst;
		GRANT SELECT ON ALL TABLES IN SCHEMA analyst TO kreditplatz_analyst;
	END IF;
EXCEPTION WHEN insufficient_privilege THEN
	RAISE NOTICE 'kreditplatz_analyst not granted the new views (insufficient privilege): %', SQLERRM;
END
$$;
