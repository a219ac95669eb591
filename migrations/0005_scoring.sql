CREATE TABLE "financial_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"revenue" numeric(16, 2) NOT NULL,
	"ebitda" numeric(16, 2) NOT NULL,
	"ebit" numeric(16, 2) NOT NULL,
	"interest_expense" numeric(16, 2) NOT NULL,
	"net_income" numeric(16, 2) NOT NULL,
	"total_assets" numeric(16, 2) NOT NULL,
	"equity" numeric(16, 2) NOT NULL,
	"liabilities_short_term" numeric(16, 2) NOT NULL,
	"liabilities_long_term" numeric(16, 2) NOT NULL,
	"cash" numeric(16, 2) NOT NULL,
	"current_assets" numeric(16, 2) NOT NULL,
	"current_liabilities" numeric(16, 2) NOT NULL,
	"source" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"rating_class" integer NOT NULL,
	"probability_of_default" numeric(8, 6) NOT NULL,
	"score" numeric(6, 2) NOT NULL,
	"fiscal_year" integer,
	"ratios" jsonb NOT NULL,
	"drivers" jsonb NOT NULL,
	"missing" jsonb NOT NULL,
	"trigger" text NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "financial_statements" ADD CONSTRAINT "financial_statements_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "financial_statements" ADD CONSTRAINT "financial_statements_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_request_id_financing_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."financing_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "financial_statements_company_year_unique" ON "financial_statements" USING btree ("company_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "ratings_request_idx" ON "ratings" USING btree ("request_id","computed_at");