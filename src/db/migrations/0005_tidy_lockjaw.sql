CREATE TABLE "programme_commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"partner_org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"degree" text,
	"ects" double precision,
	"status" text DEFAULT 'requested' NOT NULL,
	"requested_by_org_id" uuid NOT NULL,
	"requested_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_commitments_kind_check" CHECK ("programme_commitments"."kind" in ('guaranteed_interview', 'scholarship', 'credit_recognition', 'other')),
	CONSTRAINT "programme_commitments_status_check" CHECK ("programme_commitments"."status" in ('requested', 'confirmed', 'declined', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "programme_owners" (
	"programme_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	CONSTRAINT "programme_owners_programme_id_org_id_pk" PRIMARY KEY("programme_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "programme_versions" (
	"programme_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_versions_programme_id_version_pk" PRIMARY KEY("programme_id","version")
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lead_org_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"achievement_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programmes_status_check" CHECK ("programmes"."status" in ('draft', 'published', 'retired'))
);
--> statement-breakpoint
CREATE TABLE "recognition_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_org_id" uuid NOT NULL,
	"degree" text NOT NULL,
	"programme_id" uuid,
	"achievement_id" uuid,
	"ects" double precision NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"note" text,
	"commitment_id" uuid,
	"created_by" uuid,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recognition_agreements_target_check" CHECK (("recognition_agreements"."programme_id" is null) <> ("recognition_agreements"."achievement_id" is null)),
	CONSTRAINT "recognition_agreements_ects_check" CHECK ("recognition_agreements"."ects" > 0)
);
--> statement-breakpoint
ALTER TABLE "programme_commitments" ADD CONSTRAINT "programme_commitments_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_commitments" ADD CONSTRAINT "programme_commitments_partner_org_id_organisations_id_fk" FOREIGN KEY ("partner_org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_commitments" ADD CONSTRAINT "programme_commitments_requested_by_org_id_organisations_id_fk" FOREIGN KEY ("requested_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_commitments" ADD CONSTRAINT "programme_commitments_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_commitments" ADD CONSTRAINT "programme_commitments_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_owners" ADD CONSTRAINT "programme_owners_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_owners" ADD CONSTRAINT "programme_owners_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_versions" ADD CONSTRAINT "programme_versions_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_versions" ADD CONSTRAINT "programme_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_lead_org_id_organisations_id_fk" FOREIGN KEY ("lead_org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_agreements" ADD CONSTRAINT "recognition_agreements_institution_org_id_organisations_id_fk" FOREIGN KEY ("institution_org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_agreements" ADD CONSTRAINT "recognition_agreements_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_agreements" ADD CONSTRAINT "recognition_agreements_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_agreements" ADD CONSTRAINT "recognition_agreements_commitment_id_programme_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."programme_commitments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_agreements" ADD CONSTRAINT "recognition_agreements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "programme_commitments_programme_idx" ON "programme_commitments" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "programme_commitments_partner_idx" ON "programme_commitments" USING btree ("partner_org_id");--> statement-breakpoint
CREATE INDEX "programme_owners_org_idx" ON "programme_owners" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "programmes_lead_idx" ON "programmes" USING btree ("lead_org_id");--> statement-breakpoint
CREATE INDEX "recognition_agreements_institution_idx" ON "recognition_agreements" USING btree ("institution_org_id");