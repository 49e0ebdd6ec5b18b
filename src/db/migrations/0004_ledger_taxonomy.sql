CREATE TABLE "ledger_checkpoints" (
	"size" bigint PRIMARY KEY NOT NULL,
	"root" "bytea" NOT NULL,
	"note" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"idx" bigint PRIMARY KEY NOT NULL,
	"entry" "bytea" NOT NULL,
	"credential_id_hash" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_nodes" (
	"level" smallint NOT NULL,
	"idx" bigint NOT NULL,
	"hash" "bytea" NOT NULL,
	CONSTRAINT "ledger_nodes_level_idx_pk" PRIMARY KEY("level","idx")
);
--> statement-breakpoint
CREATE TABLE "ledger_pending" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entry" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_state" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"size" bigint NOT NULL,
	"root" "bytea" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_state_single_row" CHECK ("ledger_state"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "taxonomy_occupation_skills" (
	"version_id" text NOT NULL,
	"occupation_uri" text NOT NULL,
	"skill_uri" text NOT NULL,
	"relation" text NOT NULL,
	CONSTRAINT "taxonomy_occupation_skills_version_id_occupation_uri_skill_uri_pk" PRIMARY KEY("version_id","occupation_uri","skill_uri"),
	CONSTRAINT "taxonomy_occupation_skills_relation_check" CHECK ("taxonomy_occupation_skills"."relation" in ('essential', 'optional'))
);
--> statement-breakpoint
CREATE TABLE "taxonomy_occupations" (
	"version_id" text NOT NULL,
	"uri" text NOT NULL,
	"label" text NOT NULL,
	"alt_labels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"isco_group" text,
	"code" text,
	CONSTRAINT "taxonomy_occupations_version_id_uri_pk" PRIMARY KEY("version_id","uri")
);
--> statement-breakpoint
CREATE TABLE "taxonomy_skill_broader" (
	"version_id" text NOT NULL,
	"uri" text NOT NULL,
	"broader_uri" text NOT NULL,
	CONSTRAINT "taxonomy_skill_broader_version_id_uri_broader_uri_pk" PRIMARY KEY("version_id","uri","broader_uri")
);
--> statement-breakpoint
CREATE TABLE "taxonomy_skills" (
	"version_id" text NOT NULL,
	"uri" text NOT NULL,
	"kind" text NOT NULL,
	"label" text NOT NULL,
	"alt_labels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"skill_type" text,
	"reuse_level" text,
	"code" text,
	CONSTRAINT "taxonomy_skills_version_id_uri_pk" PRIMARY KEY("version_id","uri"),
	CONSTRAINT "taxonomy_skills_kind_check" CHECK ("taxonomy_skills"."kind" in ('skill', 'group'))
);
--> statement-breakpoint
CREATE TABLE "taxonomy_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"version" text NOT NULL,
	"title" text NOT NULL,
	"content_hash" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "taxonomy_occupation_skills" ADD CONSTRAINT "taxonomy_occupation_skills_version_id_occupation_uri_taxonomy_occupations_version_id_uri_fk" FOREIGN KEY ("version_id","occupation_uri") REFERENCES "public"."taxonomy_occupations"("version_id","uri") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomy_occupation_skills" ADD CONSTRAINT "taxonomy_occupation_skills_version_id_skill_uri_taxonomy_skills_version_id_uri_fk" FOREIGN KEY ("version_id","skill_uri") REFERENCES "public"."taxonomy_skills"("version_id","uri") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomy_occupations" ADD CONSTRAINT "taxonomy_occupations_version_id_taxonomy_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."taxonomy_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomy_skill_broader" ADD CONSTRAINT "taxonomy_skill_broader_version_id_uri_taxonomy_skills_version_id_uri_fk" FOREIGN KEY ("version_id","uri") REFERENCES "public"."taxonomy_skills"("version_id","uri") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomy_skills" ADD CONSTRAINT "taxonomy_skills_version_id_taxonomy_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."taxonomy_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_entries_credential_idx" ON "ledger_entries" USING btree ("credential_id_hash");--> statement-breakpoint
CREATE INDEX "ledger_nodes_leaf_hash_idx" ON "ledger_nodes" USING btree ("hash") WHERE level = 0;--> statement-breakpoint
CREATE INDEX "taxonomy_occupation_skills_skill_idx" ON "taxonomy_occupation_skills" USING btree ("version_id","skill_uri");--> statement-breakpoint
CREATE INDEX "taxonomy_occupations_isco_idx" ON "taxonomy_occupations" USING btree ("version_id","isco_group");