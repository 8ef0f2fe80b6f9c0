CREATE TABLE "checklist_tick" (
	"stage_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"item" integer NOT NULL,
	"ticked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "checklist_tick_stage_id_reviewer_id_item_pk" PRIMARY KEY("stage_id","reviewer_id","item")
);
--> statement-breakpoint
CREATE TABLE "proof_template" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"stages" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "proof_stage" ADD COLUMN "checklist" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "checklist_tick" ADD CONSTRAINT "checklist_tick_stage_id_proof_stage_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."proof_stage"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_tick" ADD CONSTRAINT "checklist_tick_reviewer_id_stage_reviewer_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."stage_reviewer"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proof_template" ADD CONSTRAINT "proof_template_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proof_template" ADD CONSTRAINT "proof_template_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "proof_template_workspace_id_name_index" ON "proof_template" USING btree ("workspace_id","name");