import { date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { at, createdAt, id, tsvector } from './columns.ts';
import { asset } from './assets.ts';
import { proof, proofTemplate } from './proofs.ts';
import { user } from './users.ts';
import { workspace } from './workspaces.ts';
import type { BriefStatus, SignoffKind, TemplateSection } from '#lib/shared/briefs.ts';

/** An intake form: sections of typed fields, per workspace. */
export const briefTemplate = pgTable(
	'brief_template',
	{
		id: id(),
		workspaceId: uuid()
			.notNull()
			.references(() => workspace.id, { onDelete: 'cascade' }),
		name: text().notNull(),
		sections: jsonb().$type<TemplateSection[]>().notNull(),
		createdBy: uuid().references(() => user.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		updatedAt: createdAt()
	},
	(t) => [uniqueIndex().on(t.workspaceId, t.name)]
);

/**
 * Legal categories of a workspace: the disclaimers a brief of that category carries into
 * its proofs, and the proof template whose stages its deliverables' proofs take. Admins only.
 */
export const legalCategory = pgTable(
	'legal_category',
	{
		id: id(),
		workspaceId: uuid()
			.notNull()
			.references(() => workspace.id, { onDelete: 'cascade' }),
		name: text().notNull(),
		proofTemplateId: uuid().references(() => proofTemplate.id, { onDelete: 'set null' }),
		disclaimers: jsonb().$type<{ title: string; body: string }[]>().notNull().default([]),
		updatedAt: createdAt()
	},
	(t) => [uniqueIndex().on(t.workspaceId, t.name)]
);

export const brief = pgTable(
	'brief',
	{
		id: id(),
		workspaceId: uuid()
			.notNull()
			.references(() => workspace.id, { onDelete: 'cascade' }),
		templateId: uuid().references(() => briefTemplate.id, { onDelete: 'set null' }),
		/** The template's sections as they were when the brief was made: later edits to the template do not move its fields. */
		sections: jsonb().$type<TemplateSection[]>().notNull(),
		title: text().notNull(),
		status: text().$type<BriefStatus>().notNull(),
		fields: jsonb().$type<Record<string, unknown>>().notNull().default({}),
		legalCategory: text(),
		/** The category's disclaimers, attached when the category was chosen. */
		disclaimers: jsonb().$type<{ title: string; body: string }[]>().notNull().default([]),
		relatedBriefIds: jsonb().$type<string[]>().notNull().default([]),
		/** The live-edited body (a Yjs document, `brief:{id}`) as plain text, for search and reports. */
		bodyText: text().notNull().default(''),
		/** Title, text field values and body, weighted in that order, for the board's search. */
		search: tsvector().generatedAlwaysAs(
			sql`setweight(to_tsvector('english', title), 'A') || setweight(jsonb_to_tsvector('english', fields, '["string"]'), 'B') || setweight(to_tsvector('english', left(body_text, 500000)), 'C')`
		),
		createdBy: uuid().references(() => user.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		updatedAt: createdAt(),
		submittedAt: at(),
		closedAt: at()
	},
	(t) => [index().on(t.workspaceId, t.status, t.updatedAt), index('brief_search_idx').using('gin', t.search)]
);

export const briefSignoff = pgTable(
	'brief_signoff',
	{
		id: id(),
		briefId: uuid()
			.notNull()
			.references(() => brief.id, { onDelete: 'cascade' }),
		kind: text().$type<SignoffKind>().notNull(),
		decision: text().$type<'approved' | 'rejected'>().notNull(),
		note: text(),
		decidedBy: uuid().references(() => user.id, { onDelete: 'set null' }),
		decidedAt: at().notNull()
	},
	(t) => [index().on(t.briefId, t.kind, t.decidedAt)]
);

/** A piece of work the brief asks for; its drafts are the versions of one library asset. */
export const briefDeliverable = pgTable(
	'brief_deliverable',
	{
		id: id(),
		briefId: uuid()
			.notNull()
			.references(() => brief.id, { onDelete: 'cascade' }),
		position: integer().notNull(),
		name: text().notNull(),
		channel: text().notNull().default(''),
		spec: text().notNull().default(''),
		dueAt: date({ mode: 'string' }),
		ownerId: uuid().references(() => user.id, { onDelete: 'set null' }),
		assetId: uuid().references(() => asset.id, { onDelete: 'set null' }),
		/** The latest proof requested for it. */
		proofId: uuid().references(() => proof.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [index().on(t.briefId, t.position), index().on(t.assetId), index().on(t.ownerId)]
);

export const briefMilestone = pgTable(
	'brief_milestone',
	{
		id: id(),
		briefId: uuid()
			.notNull()
			.references(() => brief.id, { onDelete: 'cascade' }),
		name: text().notNull(),
		dueAt: date({ mode: 'string' }).notNull(),
		ownerId: uuid().references(() => user.id, { onDelete: 'set null' }),
		remindedSoonAt: at(),
		remindedOverdueAt: at()
	},
	(t) => [index().on(t.dueAt), index().on(t.briefId)]
);

/**
 * The workspace's brand guidelines portal: ordered sections of rich text, colour swatches
 * or library assets (logos, approved imagery) that briefs link to.
 */
export const brandSection = pgTable(
	'brand_section',
	{
		id: id(),
		workspaceId: uuid()
			.notNull()
			.references(() => workspace.id, { onDelete: 'cascade' }),
		position: integer().notNull(),
		kind: text().$type<'text' | 'colours' | 'assets'>().notNull(),
		title: text().notNull(),
		/** text: sanitised HTML. */
		body: text().notNull().default(''),
		colours: jsonb().$type<{ name: string; hex: string; note?: string }[]>().notNull().default([]),
		assetIds: jsonb().$type<string[]>().notNull().default([]),
		updatedBy: uuid().references(() => user.id, { onDelete: 'set null' }),
		updatedAt: createdAt()
	},
	(t) => [index().on(t.workspaceId, t.position)]
);

/**
 * Comments on a brief: `team` ones are read by everyone who can read the brief; `private`
 * notes by their author and the people they chose (brief_comment_reader).
 */
export const briefComment = pgTable(
	'brief_comment',
	{
		id: id(),
		briefId: uuid()
			.notNull()
			.references(() => brief.id, { onDelete: 'cascade' }),
		authorId: uuid().references(() => user.id, { onDelete: 'set null' }),
		visibility: text().$type<'team' | 'private'>().notNull(),
		body: text().notNull(),
		createdAt: createdAt(),
		deletedAt: at()
	},
	(t) => [index().on(t.briefId, t.createdAt)]
);

export const briefCommentReader = pgTable(
	'brief_comment_reader',
	{
		commentId: uuid()
			.notNull()
			.references(() => briefComment.id, { onDelete: 'cascade' }),
		userId: uuid()
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.commentId, t.userId] }), index().on(t.userId)]
);
