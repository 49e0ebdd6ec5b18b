CREATE TABLE "credentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"achievement_id" uuid NOT NULL,
	"achievement_version" integer NOT NULL,
	"learner_id" uuid,
	"recipient_email" text,
	"recipient_did" text,
	"recipient_name" text NOT NULL,
	"status_list_id" uuid NOT NULL,
	"status_index" integer NOT NULL,
	"idempotency_key" text,
	"format" text DEFAULT 'di' NOT NULL,
	"document" jsonb NOT NULL,
	"jwt" text,
	"content_hash" text NOT NULL,
	"job_id" uuid,
	"issued_at" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"suspended_at" timestamp with time zone,
	"status_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credentials_format_check" CHECK ("credentials"."format" in ('di', 'jwt'))
);
--> statement-breakpoint
CREATE TABLE "issuance_rows" (
	"job_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"input" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"credential_id" uuid,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "issuer_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"key_id" text NOT NULL,
	"public_key_multibase" text NOT NULL,
	"sealed_private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "status_lists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"size" integer NOT NULL,
	"allocated" integer DEFAULT 0 NOT NULL,
	"revocation_bits" "bytea" NOT NULL,
	"suspension_bits" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_status_list_id_status_lists_id_fk" FOREIGN KEY ("status_list_id") REFERENCES "public"."status_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issuance_rows" ADD CONSTRAINT "issuance_rows_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issuance_rows" ADD CONSTRAINT "issuance_rows_credential_id_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."credentials"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issuer_keys" ADD CONSTRAINT "issuer_keys_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_lists" ADD CONSTRAINT "status_lists_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_status_slot_idx" ON "credentials" USING btree ("status_list_id","status_index");--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_idempotency_idx" ON "credentials" USING btree ("org_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "credentials_org_idx" ON "credentials" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "credentials_learner_idx" ON "credentials" USING btree ("learner_id");--> statement-breakpoint
CREATE INDEX "credentials_email_idx" ON "credentials" USING btree ("recipient_email");--> statement-breakpoint
CREATE UNIQUE INDEX "issuance_rows_pk" ON "issuance_rows" USING btree ("job_id","row_number");--> statement-breakpoint
CREATE INDEX "issuance_rows_pending_idx" ON "issuance_rows" USING btree ("job_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "issuer_keys_org_key_idx" ON "issuer_keys" USING btree ("org_id","key_id");