CREATE TABLE "notification" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"source_key" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "review_comment" (
	"version_id" uuid NOT NULL,
	"comment_id" text NOT NULL,
	"thread_id" text NOT NULL,
	"workspace_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"mentions" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"edited_at" timestamp with time zone,
	"deleted" boolean NOT NULL,
	CONSTRAINT "review_comment_version_id_comment_id_pk" PRIMARY KEY("version_id","comment_id")
);
--> statement-breakpoint
CREATE TABLE "review_thread" (
	"version_id" uuid NOT NULL,
	"thread_id" text NOT NULL,
	"workspace_id" uuid NOT NULL,
	"mark_id" text,
	"mark_kind" text,
	"page" integer NOT NULL,
	"time" double precision,
	"resolved" boolean NOT NULL,
	"author_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"comment_count" integer NOT NULL,
	CONSTRAINT "review_thread_version_id_thread_id_pk" PRIMARY KEY("version_id","thread_id")
);
--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_comment" ADD CONSTRAINT "review_comment_version_id_asset_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."asset_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_comment" ADD CONSTRAINT "review_comment_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_thread" ADD CONSTRAINT "review_thread_version_id_asset_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."asset_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_thread" ADD CONSTRAINT "review_thread_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notification_user_id_kind_source_key_index" ON "notification" USING btree ("user_id","kind","source_key");--> statement-breakpoint
CREATE INDEX "notification_user_id_created_at_index" ON "notification" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "review_comment_search_idx" ON "review_comment" USING gin (to_tsvector('simple', "body"));--> statement-breakpoint
CREATE INDEX "review_comment_workspace_id_index" ON "review_comment" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "review_thread_workspace_id_resolved_index" ON "review_thread" USING btree ("workspace_id","resolved");