CREATE TABLE "learner_skills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"skill_uri" text NOT NULL,
	"label" text NOT NULL,
	"source" text NOT NULL,
	"level" smallint,
	"snippet" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "learner_skills_source_check" CHECK ("learner_skills"."source" in ('self', 'cv')),
	CONSTRAINT "learner_skills_level_check" CHECK ("learner_skills"."level" is null or "learner_skills"."level" between 1 and 4)
);
--> statement-breakpoint
ALTER TABLE "learner_skills" ADD CONSTRAINT "learner_skills_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "learner_skills_user_skill_source_idx" ON "learner_skills" USING btree ("user_id","skill_uri","source");--> statement-breakpoint
CREATE INDEX "learner_skills_user_idx" ON "learner_skills" USING btree ("user_id");