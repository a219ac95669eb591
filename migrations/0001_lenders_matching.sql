CREATE TABLE "advisor_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"due_at" timestamp with time zone,
	"assignee_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "credit_policies" (
	"lender_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"policy" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "credit_policies_lender_id_version_pk" PRIMARY KEY("lender_id","version")
);
--> statement-breakpoint
CREATE TABLE "lender_users" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"lender_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lenders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"bic" text,
	"federal_state" text,
	"contact_name" text,
	"contact_email" text NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"current_policy_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_results" (
	"run_id" uuid NOT NULL,
	"lender_id" uuid NOT NULL,
	"policy_version" integer NOT NULL,
	"eligible" boolean NOT NULL,
	"rank" integer,
	"score" numeric(7, 6),
	"score_parts" jsonb,
	"reasons" jsonb NOT NULL,
	"notes" jsonb NOT NULL,
	CONSTRAINT "match_results_run_id_lender_id_pk" PRIMARY KEY("run_id","lender_id")
);
--> statement-breakpoint
CREATE TABLE "match_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"matched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lender_count" integer NOT NULL,
	"eligible_count" integer NOT NULL,
	"superseded" boolean DEFAULT false NOT NULL,
	"trigger" text NOT NULL,
	"actor_id" uuid
);
--> statement-breakpoint
ALTER TABLE "advisor_tasks" ADD CONSTRAINT "advisor_tasks_request_id_financing_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."financing_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisor_tasks" ADD CONSTRAINT "advisor_tasks_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_policies" ADD CONSTRAINT "credit_policies_lender_id_lenders_id_fk" FOREIGN KEY ("lender_id") REFERENCES "public"."lenders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_policies" ADD CONSTRAINT "credit_policies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lender_users" ADD CONSTRAINT "lender_users_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lender_users" ADD CONSTRAINT "lender_users_lender_id_lenders_id_fk" FOREIGN KEY ("lender_id") REFERENCES "public"."lenders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_results" ADD CONSTRAINT "match_results_run_id_match_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."match_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_results" ADD CONSTRAINT "match_results_lender_id_lenders_id_fk" FOREIGN KEY ("lender_id") REFERENCES "public"."lenders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_runs" ADD CONSTRAINT "match_runs_request_id_financing_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."financing_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_runs" ADD CONSTRAINT "match_runs_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "advisor_tasks_open_idx" ON "advisor_tasks" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "advisor_tasks_request_idx" ON "advisor_tasks" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "lender_users_lender_idx" ON "lender_users" USING btree ("lender_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lenders_key_unique" ON "lenders" USING btree ("key");--> statement-breakpoint
CREATE INDEX "match_results_lender_idx" ON "match_results" USING btree ("lender_id","rank");--> statement-breakpoint
CREATE INDEX "match_runs_request_idx" ON "match_runs" USING btree ("request_id","matched_at");