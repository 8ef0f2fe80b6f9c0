import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { at, createdAt, id, tsvector } from './columns.ts';
import { user } from './users.ts';
import { workspace } from './workspaces.ts';

export const assetStatuses = ['draft', 'in_review', 'approved', 'archived'] as const;
export type AssetStatus = (typeof assetStatuses)[number];
export type VersionStatus = 'processing' | 'ready' | 'failed';
export type AssetKind = 'image' | 'pdf' | 'video' | 'audio' | 'other';
export type FieldType = 'text' | 'number' | 'date' | 'select' | 'multiselect';
export type FieldValue = string | number | string[];

export const collection = pgTable(
	'collection',
	{
		id: id(),
		workspaceId: uuid()
			.notNull()
			.references(() => workspace.id, { onDelete: 'cascade' }),
		parentId: uuid().references((): AnyPgColumn => collection.id, { onDelete: 'cascade' }),
		name: text().notNull(),
		createdAt: createdAt()
	},
	(t) => [index().on(t.workspaceId, t.parentId)]
);

export const asset = pgTable(
	'asset',
	{
		id: id(),
		workspaceId: uuid()
			.notNull()
			.references(() => workspace.id, { onDelete: 'cascade' }),
		title: text().notNull(),
		description: text().notNull().default(''),
		status: text().$type<AssetStatus>().notNull().default('draft'),
		kind: text().$type<AssetKind>().notNull(),
		collectionId: uuid().references(() => collection.id, { onDelete: 'set null' }),
		latestVersion: integer().notNull().default(1),
		createdBy: uuid().references(() => user.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		updatedAt: at().notNull().defaultNow(),
		deletedAt: at(),
		/** When the rights to use it end: after this it may not be embedded or shared. */
		expiresAt: at(),
		/** Title, tags, description, file name and PDF text, weighted A–D; kept current by the repository. */
		search: tsvector(),
		/** Values of the workspace's custom fields, keyed by field key. */
		fields: jsonb().$type<Record<string, FieldValue>>().notNull().default({})
	},
	(t) => [
		index().on(t.workspaceId, t.deletedAt, t.createdAt),
		// Newest-first pages of live assets, and broad searches walked in that order. NULLS FIRST
		// is what ORDER BY … DESC means, so the planner can walk this index instead of sorting.
		index('asset_live_recent_idx').on(t.workspaceId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()).where(sql`${t.deletedAt} is null`),
		index('asset_search_idx').using('gin', t.search),
		check('asset_status', sql`${t.status} in ('draft','in_review','approved','archived')`)
	]
);

export const assetVersion = pgTable(
	'asset_version',
	{
		id: id(),
		assetId: uuid()
			.notNull()
			.references(() => asset.id, { onDelete: 'cascade' }),
		workspaceId: uuid()
			.notNull()
			.references(() => workspace.id, { onDelete: 'cascade' }),
		number: integer().notNull(),
		originalName: text().notNull(),
		mime: text().notNull(),
		kind: text().$type<AssetKind>().notNull(),
		size: bigint({ mode: 'number' }).notNull(),
		sha256: text().notNull(),
		fileKey: text().notNull(),
		status: text().$type<VersionStatus>().notNull().default('processing'),
		failureReason: text(),
		/** Technical and embedded metadata (dimensions, EXIF/IPTC/XMP …) as extracted at ingest. */
		metadata: jsonb().$type<Record<string, unknown>>().notNull().default({}),
		/** Text extracted from PDFs, for search (capped). */
		textContent: text(),
		createdBy: uuid().references(() => user.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		processedAt: at()
	},
	(t) => [uniqueIndex().on(t.assetId, t.number), index().on(t.workspaceId, t.sha256)]
);

export const rendition = pgTable(
	'rendition',
	{
		versionId: uuid()
			.notNull()
			.references(() => assetVersion.id, { onDelete: 'cascade' }),
		name: text().notNull(),
		key: text().notNull(),
		mime: text().notNull(),
		width: integer().notNull(),
		height: integer().notNull(),
		size: integer().notNull()
	},
	(t) => [primaryKey({ columns: [t.versionId, t.name] })]
);

export const tag = pgTable(
	'tag',
	{
		id: id(),
		workspaceId: uuid()
			.notNull()
			.references(() => workspace.id, { onDelete: 'cascade' }),
		name: text().notNull()
	},
	(t) => [uniqueIndex().on(t.workspaceId, t.name)]
);

export const assetTag = pgTable(
	'asset_tag',
	{
		assetId: uuid()
			.notNull()
			.references(() => asset.id, { onDelete: 'cascade' }),
		tagId: uuid()
			.notNull()
			.references(() => tag.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.assetId, t.tagId] }), index().on(t.tagId)]
);

/**
 * Every lexeme that has appeared in a workspace's search vectors. Misspelt words are
 * matched against this small list by trigram similarity, then searched as full text,
 * which stays fast where trigram scans over every asset's text would not.
 */
export const searchWord = pgTable(
	'search_word',
	{
		workspaceId: uuid()
			.notNull()
			.references(() => workspace.id, { onDelete: 'cascade' }),
		word: text().notNull()
	},
	(t) => [primaryKey({ columns: [t.workspaceId, t.word] }), index('search_word_trgm_idx').using('gin', sql`${t.word} gin_trgm_ops`)]
);

/** A per-workspace metadata field shown on every asset. */
export const customField = pgTable(
	'custom_field',
	{
		id: id(),
		workspaceId: uuid()
			.notNull()
			.references(() => workspace.id, { onDelete: 'cascade' }),
		key: text().notNull(),
		label: text().notNull(),
		type: text().$type<FieldType>().notNull(),
		options: jsonb().$type<string[]>().notNull().default([]),
		required: boolean().notNull().default(false),
		position: integer().notNull().default(0),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex().on(t.workspaceId, t.key), check('custom_field_type', sql`${t.type} in ('text','number','date','select','multiselect')`)]
);

export type Asset = typeof asset.$inferSelect;
export type CustomField = typeof customField.$inferSelect;
export type Collection = typeof collection.$inferSelect;
export type AssetVersion = typeof assetVersion.$inferSelect;
export type Rendition = typeof rendition.$inferSelect;
