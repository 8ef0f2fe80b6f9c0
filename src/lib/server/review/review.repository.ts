import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { asset, assetVersion, notification, reviewAttachment, reviewComment, reviewThread } from '../db/schema/index.ts';

export type ThreadRow = typeof reviewThread.$inferInsert;
export type CommentRow = typeof reviewComment.$inferInsert;
export type NotificationRow = typeof notification.$inferInsert;

export const createReviewRepository = (db: Db) => ({
	insertAttachment: async (values: typeof reviewAttachment.$inferInsert) => (await db.insert(reviewAttachment).values(values).returning())[0]!,
	attachmentById: (id: string) => db.query.reviewAttachment.findFirst({ where: eq(reviewAttachment.id, id) }),

	resolvedThreadIds: async (versionId: string) =>
		(await db.select({ id: reviewThread.threadId }).from(reviewThread).where(and(eq(reviewThread.versionId, versionId), eq(reviewThread.resolved, true)))).map((r) => r.id),

	/** Replaces a version's projected threads and comments with the given ones. */
	replaceProjection: (versionId: string, threads: ThreadRow[], comments: CommentRow[]) =>
		db.transaction(async (tx) => {
			await tx.delete(reviewThread).where(eq(reviewThread.versionId, versionId));
			await tx.delete(reviewComment).where(eq(reviewComment.versionId, versionId));
			// Chunks keep each statement well under the bind-parameter limit.
			for (let i = 0; i < threads.length; i += 500) await tx.insert(reviewThread).values(threads.slice(i, i + 500));
			for (let i = 0; i < comments.length; i += 500) await tx.insert(reviewComment).values(comments.slice(i, i + 500));
		}),

	counts: async (versionId: string) => {
		const [row] = await db
			.select({
				threads: sql<number>`count(*)::int`,
				open: sql<number>`count(*) filter (where not ${reviewThread.resolved})::int`,
				marks: sql<number>`count(${reviewThread.markId})::int`
			})
			.from(reviewThread)
			.where(eq(reviewThread.versionId, versionId));
		return row ?? { threads: 0, open: 0, marks: 0 };
	},

	/** A workspace's review rooms that have threads, most recently active first, with their counts. */
	rooms: (workspaceId: string, limit = 100) =>
		db
			.select({
				versionId: reviewThread.versionId,
				assetId: asset.id,
				title: asset.title,
				kind: asset.kind,
				number: assetVersion.number,
				threads: sql<number>`count(*)::int`,
				open: sql<number>`count(*) filter (where not ${reviewThread.resolved})::int`,
				lastActivity: sql<Date>`max(greatest(${reviewThread.createdAt}, ${reviewThread.resolvedAt}))`.mapWith(reviewThread.createdAt)
			})
			.from(reviewThread)
			.innerJoin(assetVersion, eq(assetVersion.id, reviewThread.versionId))
			.innerJoin(asset, eq(asset.id, assetVersion.assetId))
			.where(and(eq(reviewThread.workspaceId, workspaceId), isNull(asset.deletedAt)))
			.groupBy(reviewThread.versionId, asset.id, asset.title, asset.kind, assetVersion.number)
			.orderBy(desc(sql`max(greatest(${reviewThread.createdAt}, ${reviewThread.resolvedAt}))`))
			.limit(limit),

	/** Comments in a workspace whose text matches a full-text query, newest first. */
	searchComments: (workspaceId: string, q: string, limit = 50) =>
		db
			.select()
			.from(reviewComment)
			.where(
				and(
					eq(reviewComment.workspaceId, workspaceId),
					eq(reviewComment.deleted, false),
					sql`to_tsvector('simple', ${reviewComment.body}) @@ websearch_to_tsquery('simple', ${q})`
				)
			)
			.orderBy(desc(reviewComment.createdAt))
			.limit(limit),

	/** Inserts the notifications not sent before; returns the new ones. */
	notify: (rows: NotificationRow[]) =>
		rows.length === 0 ? Promise.resolve([]) : db.insert(notification).values(rows).onConflictDoNothing().returning(),

	notifications: (userId: string, opts: { unreadOnly: boolean; limit: number }) =>
		db
			.select()
			.from(notification)
			.where(and(eq(notification.userId, userId), opts.unreadOnly ? isNull(notification.readAt) : undefined))
			.orderBy(desc(notification.createdAt))
			.limit(opts.limit),

	unreadCount: async (userId: string) =>
		(await db.select({ n: sql<number>`count(*)::int` }).from(notification).where(and(eq(notification.userId, userId), isNull(notification.readAt))))[0]?.n ?? 0,

	markRead: (userId: string, ids: string[] | 'all', at: Date) =>
		db
			.update(notification)
			.set({ readAt: at })
			.where(and(eq(notification.userId, userId), isNull(notification.readAt), ids === 'all' ? undefined : inArray(notification.id, ids)))
			.returning({ id: notification.id })
});

export type ReviewRepository = ReturnType<typeof createReviewRepository>;
