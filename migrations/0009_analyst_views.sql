-- Analyst access (issue 5): read-only views over every domain in schema "analyst", personal data pseudonymised.
-- Documented in docs/analyst-views.md; the catalogue in src/modules/analyst/catalogue.ts describes every column
-- and a test checks it against these views.
--
-- Pseudonyms: HMAC-SHA256 over "<kind>:<uuid>" with a random per-installation secret, hex, first 16 digits,
-- prefixed "c_" (company) or "u_" (user). PGlite has no pgcrypto, so HMAC is built from the core sha256(bytea):
-- HMAC(K, m) = H((K xor opad) || H((K xor ipad) || m)) with the padded keys computed once below.
-- The secret lives in schema analyst_private, which analysts are not granted; the views read it with their
-- owner's rights.
CREATE SCHEMA IF NOT EXISTS "analyst_private";
--> statement-breakpoint
CREATE TABLE "analyst_private"."pseudonym_key" (
	"id" integer PRIMARY KEY DEFAULT 1 CHECK ("id" = 1),
	"secret" bytea NOT NULL CHECK (length("secret") = 64),
	"inner_pad" bytea NOT NULL,
	"outer_pad" bytea NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- 64 random bytes from four v4 UUIDs (122 random bits each), then key xor 0x36.. and key xor 0x5c...
INSERT INTO "analyst_private"."pseudonym_key" ("id", "secret", "inner_pad", "outer_pad")
SELECT 1, s.secret,
	(SELECT decode(string_agg(lpad(to_hex(get_byte(s.secret, i) # 54), 2, '0'), '' ORDER BY i), 'hex') FROM generate_series(0, 63) AS i),
	(SELECT decode(string_agg(lpad(to_hex(get_byte(s.secret, i) # 92), 2, '0'), '' ORDER BY i), 'hex') FROM generate_series(0, 63) AS i)
FROM (
	SELECT decode(replace(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex') AS secret
) AS s;
--> statement-breakpoint
CREATE FUNCTION "analyst_private"."pseudonym"(inner_pad bytea, outer_pad bytea, kind text, id uuid) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN left(kind, 1) || '_' || left(encode(sha256(outer_pad || sha256(inner_pad || convert_to(kind || ':' || id::text, 'UTF8'))), 'hex'), 16);
--> statement-breakpoint
CREATE SCHEMA IF NOT EXISTS "analyst";
--> statement-breakpoint
COMMENT ON SCHEMA "analyst" IS 'Read-only, pseudonymised views over all Kreditplatz data for analysts (docs/analyst-views.md)';
--> statement-breakpoint
CREATE VIEW "analyst"."companies" AS
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
	c.updated_at
FROM public.companies c CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analyst"."users" AS
SELECT
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'user', u.id) AS user_key,
	u.role,
	u.created_at
FROM public.users u CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analyst"."sign_ins" AS
SELECT
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'user', s.user_id) AS user_key,
	u.role,
	s.created_at AS signed_in_at,
	s.expires_at
FROM public.sessions s JOIN public.users u ON u.id = s.user_id CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analyst"."consents" AS
SELECT
	c.id AS consent_id,
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'company', c.company_id) AS company_key,
	c.kind,
	c.granted,
	c.text_version,
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'user', c.given_by) AS given_by_key,
	c.given_at
FROM public.consents c CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analyst"."financing_requests" AS
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
	r.updated_at
FROM public.financing_requests r CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analyst"."request_history" AS
SELECT
	h.id AS history_id,
	h.request_id,
	h.from_status,
	h.to_status,
	h.at,
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'user', h.actor_id) AS actor_key,
	h.actor_role,
	h.reason IS NOT NULL AS has_reason
FROM public.request_history h CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analyst"."financial_statements" AS
SELECT
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'company', f.company_id) AS company_key,
	f.fiscal_year,
	f.revenue,
	f.ebitda,
	f.ebit,
	f.interest_expense,
	f.net_income,
	f.total_assets,
	f.equity,
	f.liabilities_short_term,
	f.liabilities_long_term,
	f.cash,
	f.current_assets,
	f.current_liabilities,
	f.source,
	f.updated_at
FROM public.financial_statements f CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analyst"."ratings" AS
SELECT
	r.id AS rating_id,
	r.request_id,
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'company', r.company_id) AS company_key,
	r.rating_class,
	r.probability_of_default,
	r.score,
	r.fiscal_year,
	r.ratios,
	r.drivers,
	r.missing,
	r.trigger,
	r.computed_at
FROM public.ratings r CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analyst"."lenders" AS
SELECT
	l.id AS lender_id,
	l.key AS slug,
	l.name AS lender_name,
	l.type,
	l.bic,
	l.federal_state,
	l.demo,
	l.active,
	l.current_policy_version,
	l.webhook_url IS NOT NULL AS has_webhook,
	(SELECT count(*) FROM public.lender_api_keys a WHERE a.lender_id = l.id AND a.revoked_at IS NULL)::integer AS active_api_keys,
	(SELECT count(*) FROM public.lender_users lu WHERE lu.lender_id = l.id)::integer AS portal_users,
	l.created_at
FROM public.lenders l;
--> statement-breakpoint
CREATE VIEW "analyst"."lender_users" AS
SELECT
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'user', lu.user_id) AS user_key,
	lu.lender_id
FROM public.lender_users lu CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analyst"."credit_policies" AS
SELECT
	p.lender_id,
	p.version,
	p.policy,
	p.created_at,
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'user', p.created_by) AS created_by_key
FROM public.credit_policies p CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analyst"."commission_rules" AS
SELECT
	r.lender_id,
	r.rate,
	r.minimum,
	r.cap,
	r.updated_at
FROM public.commission_rules r;
--> statement-breakpoint
CREATE VIEW "analyst"."match_runs" AS
SELECT
	m.id AS run_id,
	m.request_id,
	m.matched_at,
	m.lender_count,
	m.eligible_count,
	m.superseded,
	m.trigger,
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'user', m.actor_id) AS actor_key
FROM public.match_runs m CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analyst"."match_results" AS
SELECT
	r.run_id,
	m.request_id,
	r.lender_id,
	r.policy_version,
	r.eligible,
	r.rank,
	r.score,
	r.score_parts,
	r.reasons,
	r.notes
FROM public.match_results r JOIN public.match_runs m ON m.id = r.run_id;
--> statement-breakpoint
CREATE VIEW "analyst"."dispatches" AS
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
	CASE WHEN l.demo THEN d.decline_reason END AS simulated_decline_reason
FROM public.dispatches d JOIN public.lenders l ON l.id = d.lender_id;
--> statement-breakpoint
CREATE VIEW "analyst"."offers" AS
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
	o.decided_at
FROM public.offers o;
--> statement-breakpoint
CREATE VIEW "analyst"."contracts" AS
SELECT
	c.id AS contract_id,
	c.request_id,
	c.offer_id,
	c.lender_id,
	c.status,
	c.created_at,
	c.signed_at
FROM public.contracts c;
--> statement-breakpoint
CREATE VIEW "analyst"."contract_signatures" AS
SELECT
	s.contract_id,
	s.party,
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'user', s.signer_user_id) AS signer_key,
	s.signed_at,
	s.method
FROM public.contract_signatures s CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analyst"."commissions" AS
SELECT
	e.id AS entry_id,
	e.contract_id,
	e.lender_id,
	e.amount AS commission,
	e.financed_amount,
	e.booked_on,
	e.created_at
FROM public.commission_ledger e;
--> statement-breakpoint
CREATE VIEW "analyst"."advisor_tasks" AS
SELECT
	t.id AS task_id,
	t.request_id,
	t.kind,
	t.status,
	t.due_at,
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'user', t.assignee_id) AS assignee_key,
	t.created_at,
	t.done_at
FROM public.advisor_tasks t CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
CREATE VIEW "analyst"."webhook_deliveries" AS
SELECT
	w.id AS delivery_id,
	w.lender_id,
	w.event,
	w.status,
	w.attempts,
	w.last_status_code,
	w.created_at,
	w.delivered_at
FROM public.webhook_deliveries w;
--> statement-breakpoint
CREATE VIEW "analyst"."mails" AS
SELECT
	m.id AS mail_id,
	m.received_at,
	jsonb_array_length(m.to_addresses)::integer AS recipient_count,
	jsonb_array_length(m.attachments)::integer AS attachment_count,
	m.size AS size_bytes
FROM public.caught_mails m;
--> statement-breakpoint
CREATE VIEW "analyst"."audit_events" AS
SELECT
	a.id AS event_id,
	a.at,
	analyst_private.pseudonym(k.inner_pad, k.outer_pad, 'user', a.actor_id) AS actor_key,
	a.actor_role,
	a.action,
	a.entity_type,
	CASE
		WHEN a.entity_type IN ('company', 'user') AND a.entity_id ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
			THEN analyst_private.pseudonym(k.inner_pad, k.outer_pad, a.entity_type, a.entity_id::uuid)
		WHEN a.entity_type IN ('company', 'user') THEN NULL
		ELSE a.entity_id
	END AS entity_ref
FROM public.audit_log a CROSS JOIN analyst_private.pseudonym_key k;
--> statement-breakpoint
-- A PostgreSQL role for analysts' own tools (psql, notebooks): NOLOGIN, so it is granted to people's logins
-- (GRANT kreditplatz_analyst TO alice). It may read schema "analyst" and nothing else. Idempotent (roles are
-- cluster-wide, several databases may share one); skipped with a notice where the migrating user may not
-- create roles (managed servers), so the migration never fails for it. On PGlite it is a harmless catalogue entry.
DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'kreditplatz_analyst') THEN
		CREATE ROLE kreditplatz_analyst NOLOGIN;
	END IF;
	GRANT USAGE ON SCHEMA analyst TO kreditplatz_analyst;
	GRANT SELECT ON ALL TABLES IN SCHEMA analyst TO kreditplatz_analyst;
	ALTER DEFAULT PRIVILEGES IN SCHEMA analyst GRANT SELECT ON TABLES TO kreditplatz_analyst;
EXCEPTION WHEN insufficient_privilege THEN
	RAISE NOTICE 'role kreditplatz_analyst not created or granted (insufficient privilege): %', SQLERRM;
END
$$;
