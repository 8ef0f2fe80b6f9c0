CREATE TABLE "notification_pref" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"email" text DEFAULT 'immediate' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbound_email" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"template" text,
	"ref" uuid
);
--> statement-breakpoint
ALTER TABLE "notification" ADD COLUMN "emailed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "proof_stage" ADD COLUMN "reminded_soon_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "proof_stage" ADD COLUMN "reminded_overdue_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stage_reviewer" ADD COLUMN "invite_hash" text;--> statement-breakpoint
ALTER TABLE "stage_reviewer" ADD COLUMN "invited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stage_reviewer" ADD COLUMN "invite_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stage_reviewer" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notification_pref" ADD CONSTRAINT "notification_pref_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbound_email_sent_at_created_at_index" ON "outbound_email" USING btree ("sent_at","created_at");--> statement-breakpoint
CREATE INDEX "proof_stage_status_due_at_index" ON "proof_stage" USING btree ("status","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "stage_reviewer_invite_hash_index" ON "stage_reviewer" USING btree ("invite_hash");--> statement-breakpoint
-- Notifications from before email existed are not mailed now.
UPDATE "notification" SET "emailed_at" = "created_at";
