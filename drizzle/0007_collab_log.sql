CREATE TABLE "collab_update" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"update" bytea NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "collab_document" ADD COLUMN "upto" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "collab_update_name_id_index" ON "collab_update" USING btree ("name","id");