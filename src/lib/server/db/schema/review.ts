import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { at, createdAt, id } from './columns.ts';
import { assetVersion } from './assets.ts';
import { user } from './users.ts';
import { workspace } from './workspaces.ts';

/**
 * The review rooms' threads and comments as rows, projected from the Yjs documents (which
 * stay the source of truth): for counts, open/resolved state, comment search, approvals
 * and reports. Rebuilt per version whenever its document changes.
 */
export const reviewThread = pgTable(
	'review_thread',
	{
		versionId: uuid()
			.notNull()
			.references(() => assetVersion.id, { onDelete: 'cascade' }),
		threadId: text().notNull(),
		workspaceId: uuid()
			.notNull()
			.references(() => workspace.id, { onDelete: 'cascade' }),
		markId: text(),
		markKind: text(),
		page: integer().notNull(),
		time: doublePrecision(),
		resolved: boolean().notNull(),
		authorId: uuid().notNull(),
		createdAt: at().notNull(),
		resolvedAt: at(),
		resolvedBy: uuid(),
		commentCount: integer().notNull()
	},
	(t) => [primaryKey({ columns: [t.versionId, t.threadId] }), index().on(t.workspaceId, t.resolved)]
);

export const reviewComment = pgTable(
	'review_comment',
	{
		versionId: uuid()
			.notNull()
			.references(() => assetVersion.id, { onDelete: 'cascade' }),
		commentId: text().notNull(),
		threadId: text().notNull(),
		workspaceId: uuid()
			.notNull()
			.references(() => workspace.id, { onDelete: 'cascade' }),
		authorId: uuid().notNull(),
		authorName: text().notNull(),
		body: text().notNull(),
		mentions: jsonb().$type<string[]>().notNull(),
		createdAt: at().notNull(),
		editedAt: at(),
		deleted: boolean().notNull()
	},
	(t) => [
		primaryKey({ columns: [t.versionId, t.commentId] }),
		index('review_comment_search_idx').using('gin', sql`to_tsvector('simple', ${t.body})`),
		index().on(t.workspaceId)
	]
);

export type NotificationKind = 'mention' | 'reply' | 'assigned' | 'decision' | 'due_soon' | 'overdue' | 'proof_closed';

/** A user's in-app inbox. `sourceKey` makes each notification idempotent (one per comment and person). */
export const notification = pgTable(
	'notification',
	{
		id: id(),
		userId: uuid()
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		workspaceId: uuid()
			.notNull()
			.references(() => workspace.id, { onDelete: 'cascade' }),
		kind: text().$type<NotificationKind>().notNull(),
		sourceKey: text().notNull(),
		data: jsonb().$type<Record<string, unknown>>().notNull(),
		createdAt: createdAt(),
		readAt: at(),
		/** Set once the notification went out by email, alone or in a digest (or was skipped by preference). */
		emailedAt: at()
	},
	(t) => [uniqueIndex().on(t.userId, t.kind, t.sourceKey), index().on(t.userId, t.createdAt)]
);

/** A reference image attached to a review comment: re-encoded on arrival, never served as uploaded. */
export const reviewAttachment = pgTable(
	'review_attachment',
	{
		id: id(),
		versionId: uuid()
			.notNull()
			.references(() => assetVersion.id, { onDelete: 'cascade' }),
		workspaceId: uuid()
			.notNull()
			.references(() => workspace.id, { onDelete: 'cascade' }),
		uploaderId: uuid().references(() => user.id, { onDelete: 'set null' }),
		name: text().notNull(),
		storageKey: text().notNull(),
		size: integer().notNull(),
		width: integer().notNull(),
		height: integer().notNull(),
		createdAt: createdAt()
	},
	(t) => [index().on(t.versionId)]
);
