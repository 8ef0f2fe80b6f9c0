ALTER TABLE "brief" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', title), 'A') || setweight(jsonb_to_tsvector('english', fields, '["string"]'), 'B') || setweight(to_tsvector('english', left(body_text, 500000)), 'C')) STORED;--> statement-breakpoint
CREATE INDEX "audit_event_subject_seq_index" ON "audit_event" USING btree ("subject","seq");--> statement-breakpoint
CREATE INDEX "brief_search_idx" ON "brief" USING gin ("search");--> statement-breakpoint
-- Workspaces made before briefs could link the brand portal: their default template's free-text "Brand guidelines link" becomes a link to portal sections (briefs keep the sections they were made with).
UPDATE "brief_template" SET "sections" = (
	SELECT jsonb_agg(jsonb_set(sec, '{fields}', (
		SELECT jsonb_agg(CASE WHEN f->>'key' = 'brandGuidelines' AND f->>'type' = 'text' THEN f || '{"type":"brand","label":"Brand guidelines","help":"The sections of the brand guidelines this work follows."}'::jsonb ELSE f END ORDER BY n)
		FROM jsonb_array_elements(sec->'fields') WITH ORDINALITY AS x(f, n)
	)) ORDER BY o)
	FROM jsonb_array_elements("sections") WITH ORDINALITY AS y(sec, o)
) WHERE "name" = 'Creative brief' AND "sections"::text LIKE '%"brandGuidelines"%';
