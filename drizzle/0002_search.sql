-- pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TABLE "asset" ADD COLUMN "search" tsvector;--> statement-breakpoint
ALTER TABLE "asset" ADD COLUMN "search_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "asset_version" ADD COLUMN "text_content" text;--> statement-breakpoint
CREATE INDEX "asset_search_idx" ON "asset" USING gin ("search");--> statement-breakpoint
CREATE INDEX "asset_search_name_trgm_idx" ON "asset" USING gin ("search_name" gin_trgm_ops);