CREATE TABLE "audit_event" (
	"workspace_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"actor_id" uuid,
	"actor_kind" text NOT NULL,
	"actor_name" text NOT NULL,
	"proof_id" uuid,
	"subject" text NOT NULL,
	"data" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_event_workspace_id_seq_pk" PRIMARY KEY("workspace_id","seq")
);
--> statement-breakpoint
CREATE TABLE "audit_head" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proof" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "proof_decision" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"proof_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"decision" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proof_stage" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"proof_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"rule" text NOT NULL,
	"quorum" integer,
	"start" text NOT NULL,
	"due_at" timestamp with time zone,
	"status" text NOT NULL,
	"outcome" text,
	"round" integer DEFAULT 1 NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "proof_version" (
	"proof_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"current" boolean NOT NULL,
	CONSTRAINT "proof_version_proof_id_version_id_pk" PRIMARY KEY("proof_id","version_id")
);
--> statement-breakpoint
CREATE TABLE "stage_reviewer" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stage_id" uuid NOT NULL,
	"proof_id" uuid NOT NULL,
	"user_id" uuid,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"guest" boolean NOT NULL,
	"gatekeeper" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "proof" ADD CONSTRAINT "proof_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proof" ADD CONSTRAINT "proof_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proof_decision" ADD CONSTRAINT "proof_decision_proof_id_proof_id_fk" FOREIGN KEY ("proof_id") REFERENCES "public"."proof"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proof_decision" ADD CONSTRAINT "proof_decision_stage_id_proof_stage_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."proof_stage"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proof_decision" ADD CONSTRAINT "proof_decision_reviewer_id_stage_reviewer_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."stage_reviewer"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proof_decision" ADD CONSTRAINT "proof_decision_version_id_asset_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."asset_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proof_stage" ADD CONSTRAINT "proof_stage_proof_id_proof_id_fk" FOREIGN KEY ("proof_id") REFERENCES "public"."proof"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proof_version" ADD CONSTRAINT "proof_version_proof_id_proof_id_fk" FOREIGN KEY ("proof_id") REFERENCES "public"."proof"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proof_version" ADD CONSTRAINT "proof_version_version_id_asset_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."asset_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proof_version" ADD CONSTRAINT "proof_version_asset_id_asset_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."asset"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_reviewer" ADD CONSTRAINT "stage_reviewer_stage_id_proof_stage_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."proof_stage"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_reviewer" ADD CONSTRAINT "stage_reviewer_proof_id_proof_id_fk" FOREIGN KEY ("proof_id") REFERENCES "public"."proof"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_reviewer" ADD CONSTRAINT "stage_reviewer_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_event_proof_id_seq_index" ON "audit_event" USING btree ("proof_id","seq");--> statement-breakpoint
CREATE INDEX "audit_event_workspace_id_type_seq_index" ON "audit_event" USING btree ("workspace_id","type","seq");--> statement-breakpoint
CREATE INDEX "proof_workspace_id_status_created_at_index" ON "proof" USING btree ("workspace_id","status","created_at");--> statement-breakpoint
CREATE INDEX "proof_decision_stage_id_round_reviewer_id_version_id_id_index" ON "proof_decision" USING btree ("stage_id","round","reviewer_id","version_id","id");--> statement-breakpoint
CREATE INDEX "proof_decision_proof_id_id_index" ON "proof_decision" USING btree ("proof_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "proof_stage_proof_id_position_index" ON "proof_stage" USING btree ("proof_id","position");--> statement-breakpoint
CREATE INDEX "proof_version_asset_id_index" ON "proof_version" USING btree ("asset_id");--> statement-breakpoint
CREATE INDEX "proof_version_version_id_index" ON "proof_version" USING btree ("version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stage_reviewer_stage_id_email_index" ON "stage_reviewer" USING btree ("stage_id","email");--> statement-breakpoint
CREATE INDEX "stage_reviewer_user_id_index" ON "stage_reviewer" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "stage_reviewer_proof_id_index" ON "stage_reviewer" USING btree ("proof_id");--> statement-breakpoint
CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();--> statement-breakpoint
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();--> statement-breakpoint
CREATE FUNCTION audit_head_advance_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP <> 'UPDATE' OR NEW.workspace_id <> OLD.workspace_id OR NEW.seq <> OLD.seq + 1 THEN
		RAISE EXCEPTION 'audit_head only advances by one event: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
	END IF;
	RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER audit_head_advance BEFORE UPDATE OR DELETE ON "audit_head" FOR EACH ROW EXECUTE FUNCTION audit_head_advance_only();--> statement-breakpoint
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON "audit_head" FOR EACH STATEMENT EXECUTE FUNCTION audit_head_advance_only();
