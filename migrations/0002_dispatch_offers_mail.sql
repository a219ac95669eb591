CREATE TABLE "dispatches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"lender_id" uuid NOT NULL,
	"match_run_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"status" text DEFAULT 'sent' NOT NULL,
	"dispatched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_at" timestamp with time zone,
	"decline_reason" text
);
--> statement-breakpoint
CREATE TABLE "commission_rules" (
	"lender_id" uuid PRIMARY KEY NOT NULL,
	"rate" numeric(7, 6) NOT NULL,
	"minimum" numeric(14, 2) NOT NULL,
	"cap" numeric(14, 2),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lender_api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lender_id" uuid NOT NULL,
	"label" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "caught_mails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" text NOT NULL,
	"from_address" text NOT NULL,
	"to_addresses" jsonb NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text,
	"attachments" jsonb NOT NULL,
	"size" integer NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"lender_id" uuid NOT NULL,
	"dispatch_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"body_hash" text NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"nominal_rate" numeric(9, 6) NOT NULL,
	"term_months" integer NOT NULL,
	"amortization" text NOT NULL,
	"grace_months" integer DEFAULT 0 NOT NULL,
	"fees" jsonb NOT NULL,
	"collateral" text,
	"conditions" text,
	"valid_until" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"calculated_from" date NOT NULL,
	"effective_annual_rate" numeric(12, 8) NOT NULL,
	"instalment" numeric(14, 2) NOT NULL,
	"total_interest" numeric(14, 2) NOT NULL,
	"total_fees" numeric(14, 2) NOT NULL,
	"total_cost" numeric(14, 2) NOT NULL,
	"commission" numeric(14, 2) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "lenders" ADD COLUMN "webhook_url" text;--> statement-breakpoint
ALTER TABLE "lenders" ADD COLUMN "webhook_secret" text;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_request_id_financing_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."financing_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_lender_id_lenders_id_fk" FOREIGN KEY ("lender_id") REFERENCES "public"."lenders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_match_run_id_match_runs_id_fk" FOREIGN KEY ("match_run_id") REFERENCES "public"."match_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_rules" ADD CONSTRAINT "commission_rules_lender_id_lenders_id_fk" FOREIGN KEY ("lender_id") REFERENCES "public"."lenders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lender_api_keys" ADD CONSTRAINT "lender_api_keys_lender_id_lenders_id_fk" FOREIGN KEY ("lender_id") REFERENCES "public"."lenders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lender_api_keys" ADD CONSTRAINT "lender_api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_request_id_financing_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."financing_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_lender_id_lenders_id_fk" FOREIGN KEY ("lender_id") REFERENCES "public"."lenders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_dispatch_id_dispatches_id_fk" FOREIGN KEY ("dispatch_id") REFERENCES "public"."dispatches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dispatches_request_lender_unique" ON "dispatches" USING btree ("request_id","lender_id");--> statement-breakpoint
CREATE INDEX "dispatches_lender_idx" ON "dispatches" USING btree ("lender_id","dispatched_at");--> statement-breakpoint
CREATE UNIQUE INDEX "lender_api_keys_hash_unique" ON "lender_api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "lender_api_keys_lender_idx" ON "lender_api_keys" USING btree ("lender_id");--> statement-breakpoint
CREATE INDEX "caught_mails_received_idx" ON "caught_mails" USING btree ("received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "offers_lender_idempotency_unique" ON "offers" USING btree ("lender_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "offers_request_idx" ON "offers" USING btree ("request_id","status");