CREATE TABLE "search_word" (
	"workspace_id" uuid NOT NULL,
	"word" text NOT NULL,
	CONSTRAINT "search_word_workspace_id_word_pk" PRIMARY KEY("workspace_id","word")
);
--> statement-breakpoint
DROP INDEX "asset_search_name_trgm_idx";--> statement-breakpoint
ALTER TABLE "search_word" ADD CONSTRAINT "search_word_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "search_word_trgm_idx" ON "search_word" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
ALTER TABLE "asset" DROP COLUMN "search_name";