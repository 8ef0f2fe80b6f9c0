CREATE TABLE "brief" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"template_id" uuid,
	"sections" jsonb NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"legal_category" text,
	"disclaimers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"related_brief_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "brief_deliverable" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brief_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"channel" text DEFAULT '' NOT NULL,
	"spec" text DEFAULT '' NOT NULL,
	"due_at" date,
	"owner_id" uuid,
	"asset_id" uuid,
	"proof_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "brief_milestone" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brief_id" uuid NOT NULL,
	"name" text NOT NULL,
	"due_at" date NOT NULL,
	"owner_id" uuid,
	"reminded_soon_at" timestamp with time zone,
	"reminded_overdue_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "brief_signoff" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brief_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"decision" text NOT NULL,
	"note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "brief_template" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"sections" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legal_category" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"proof_template_id" uuid,
	"disclaimers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "brief" ADD CONSTRAINT "brief_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief" ADD CONSTRAINT "brief_template_id_brief_template_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."brief_template"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief" ADD CONSTRAINT "brief_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_deliverable" ADD CONSTRAINT "brief_deliverable_brief_id_brief_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."brief"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_deliverable" ADD CONSTRAINT "brief_deliverable_owner_id_user_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_deliverable" ADD CONSTRAINT "brief_deliverable_asset_id_asset_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."asset"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_deliverable" ADD CONSTRAINT "brief_deliverable_proof_id_proof_id_fk" FOREIGN KEY ("proof_id") REFERENCES "public"."proof"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_milestone" ADD CONSTRAINT "brief_milestone_brief_id_brief_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."brief"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_milestone" ADD CONSTRAINT "brief_milestone_owner_id_user_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_signoff" ADD CONSTRAINT "brief_signoff_brief_id_brief_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."brief"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_signoff" ADD CONSTRAINT "brief_signoff_decided_by_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_template" ADD CONSTRAINT "brief_template_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_template" ADD CONSTRAINT "brief_template_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_category" ADD CONSTRAINT "legal_category_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_category" ADD CONSTRAINT "legal_category_proof_template_id_proof_template_id_fk" FOREIGN KEY ("proof_template_id") REFERENCES "public"."proof_template"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "brief_workspace_id_status_updated_at_index" ON "brief" USING btree ("workspace_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "brief_deliverable_brief_id_position_index" ON "brief_deliverable" USING btree ("brief_id","position");--> statement-breakpoint
CREATE INDEX "brief_deliverable_asset_id_index" ON "brief_deliverable" USING btree ("asset_id");--> statement-breakpoint
CREATE INDEX "brief_deliverable_owner_id_index" ON "brief_deliverable" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "brief_milestone_due_at_index" ON "brief_milestone" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "brief_milestone_brief_id_index" ON "brief_milestone" USING btree ("brief_id");--> statement-breakpoint
CREATE INDEX "brief_signoff_brief_id_kind_decided_at_index" ON "brief_signoff" USING btree ("brief_id","kind","decided_at");--> statement-breakpoint
CREATE UNIQUE INDEX "brief_template_workspace_id_name_index" ON "brief_template" USING btree ("workspace_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "legal_category_workspace_id_name_index" ON "legal_category" USING btree ("workspace_id","name");