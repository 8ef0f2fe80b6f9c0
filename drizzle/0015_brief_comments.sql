CREATE TABLE "brief_comment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brief_id" uuid NOT NULL,
	"author_id" uuid,
	"visibility" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "brief_comment_reader" (
	"comment_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "brief_comment_reader_comment_id_user_id_pk" PRIMARY KEY("comment_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "brief_comment" ADD CONSTRAINT "brief_comment_brief_id_brief_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."brief"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_comment" ADD CONSTRAINT "brief_comment_author_id_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_comment_reader" ADD CONSTRAINT "brief_comment_reader_comment_id_brief_comment_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."brief_comment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_comment_reader" ADD CONSTRAINT "brief_comment_reader_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "brief_comment_brief_id_created_at_index" ON "brief_comment" USING btree ("brief_id","created_at");--> statement-breakpoint
CREATE INDEX "brief_comment_reader_user_id_index" ON "brief_comment_reader" USING btree ("user_id");