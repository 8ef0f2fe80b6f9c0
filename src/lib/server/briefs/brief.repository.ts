import { and, asc, desc, eq, getTableColumns, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { brief, briefComment, briefCommentReader, briefDeliverable, briefMilestone, briefSignoff, briefTemplate, legalCategory, user } from '../db/schema/index.ts';
import type { BriefStatus } from '#lib/shared/briefs.ts';

export type BriefRow = Omit<typeof brief.$inferSelect, 'search'>;
export type BriefTemplateRow = typeof briefTemplate.$inferSelect;
export type DeliverableRow = typeof briefDeliverable.$inferSelect;
export type MilestoneRow = typeof briefMilestone.$inferSelect;
export type SignoffRow = typeof briefSignoff.$inferSelect;
export type LegalCategoryRow = typeof legalCategory.$inferSelect;

const first = <T>(rows: T[]) => rows[0];
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
/** Every column but the search vector, which nothing outside the database reads. */
const { search: _search, ...columns } = getTableColumns(brief);

export const createBriefRepository = (db: Db) => ({
	templates: (workspaceId: string) => db.select().from(briefTemplate).where(eq(briefTemplate.workspaceId, workspaceId)).orderBy(asc(briefTemplate.createdAt)),
	templateById: async (id: string) => first(await db.select().from(briefTemplate).where(eq(briefTemplate.id, id))),
	/** Null when the name is taken in the workspace. */
	insertTemplate: async (row: typeof briefTemplate.$inferInsert) => first(await db.insert(briefTemplate).values(row).onConflictDoNothing().returning()),
	updateTemplate: async (id: string, patch: Partial<typeof briefTemplate.$inferInsert>) => first(await db.update(briefTemplate).set(patch).where(eq(briefTemplate.id, id)).returning()),

	insert: async (row: typeof brief.$inferInsert) => (await db.insert(brief).values(row).returning())[0]!,
	byId: async (id: string) => first(await db.select().from(brief).where(eq(brief.id, id))),
	/** The row locked for the rest of the transaction: status changes and sign-offs go one at a time. */
	lock: async (id: string) => first(await db.select().from(brief).where(eq(brief.id, id)).for('update')),
	update: async (id: string, patch: Partial<typeof brief.$inferInsert>) => first(await db.update(brief).set(patch).where(eq(brief.id, id)).returning()),
	/**
	 * The plain text of the live-edited body, projected from its collab document. Unchanged
	 * text writes nothing, so a projection repeated after a restart leaves `updatedAt` alone.
	 */
	setBodyText: (id: string, text: string, at: Date) =>
		db
			.update(brief)
			.set({ bodyText: text, updatedAt: at })
			.where(and(eq(brief.id, id), sql`${brief.bodyText} is distinct from ${text}`)),
	/**
	 * A workspace's briefs, newest change first; with `q`, those whose title, text fields or
	 * body match its words (or whose title holds it as typed, for a half-typed word), best first.
	 */
	list: (workspaceId: string, opts: { status?: BriefStatus; q?: string; limit: number }) => {
		const query = opts.q ? sql`websearch_to_tsquery('english', ${opts.q})` : null;
		return db
			.select(columns)
			.from(brief)
			.where(
				and(
					eq(brief.workspaceId, workspaceId),
					opts.status ? eq(brief.status, opts.status) : undefined,
					query ? or(sql`${brief.search} @@ ${query}`, sql`${brief.title} ilike ${`%${likeEscape(opts.q!)}%`}`) : undefined
				)
			)
			.orderBy(...(query ? [sql`ts_rank(${brief.search}, ${query}) desc`, desc(brief.updatedAt)] : [desc(brief.updatedAt)]))
			.limit(opts.limit);
	},
	existing: async (workspaceId: string, ids: string[]) =>
		ids.length ? (await db.select({ id: brief.id }).from(brief).where(and(eq(brief.workspaceId, workspaceId), inArray(brief.id, ids)))).map((r) => r.id) : [],

	signoffs: (briefId: string) => db.select().from(briefSignoff).where(eq(briefSignoff.briefId, briefId)).orderBy(asc(briefSignoff.decidedAt)),
	insertSignoff: async (row: typeof briefSignoff.$inferInsert) => (await db.insert(briefSignoff).values(row).returning())[0]!,

	deliverables: (briefIds: string[]) =>
		briefIds.length ? db.select().from(briefDeliverable).where(inArray(briefDeliverable.briefId, briefIds)).orderBy(asc(briefDeliverable.position), asc(briefDeliverable.createdAt)) : Promise.resolve([]),
	deliverableById: async (id: string) => first(await db.select().from(briefDeliverable).where(eq(briefDeliverable.id, id))),
	/** The brief a proof was requested from (through one of its deliverables), if any. */
	briefOfProof: async (proofId: string) =>
		first(await db.select({ id: brief.id, title: brief.title, legalCategory: brief.legalCategory, disclaimers: brief.disclaimers }).from(briefDeliverable).innerJoin(brief, eq(brief.id, briefDeliverable.briefId)).where(eq(briefDeliverable.proofId, proofId)).limit(1)),
	insertDeliverable: async (row: Omit<typeof briefDeliverable.$inferInsert, 'position'>) =>
		(
			await db
				.insert(briefDeliverable)
				.values({ ...row, position: sql`(select coalesce(max(${briefDeliverable.position}), -1) + 1 from ${briefDeliverable} where ${briefDeliverable.briefId} = ${row.briefId})` })
				.returning()
		)[0]!,
	updateDeliverable: async (id: string, patch: Partial<typeof briefDeliverable.$inferInsert>) => first(await db.update(briefDeliverable).set(patch).where(eq(briefDeliverable.id, id)).returning()),
	deleteDeliverable: (id: string) => db.delete(briefDeliverable).where(eq(briefDeliverable.id, id)),

	milestones: (briefIds: string[]) =>
		briefIds.length ? db.select().from(briefMilestone).where(inArray(briefMilestone.briefId, briefIds)).orderBy(asc(briefMilestone.dueAt)) : Promise.resolve([]),
	replaceMilestones: async (briefId: string, rows: (typeof briefMilestone.$inferInsert)[]) => {
		const keep = rows.map((r) => r.id).filter((x): x is string => !!x);
		await db.delete(briefMilestone).where(and(eq(briefMilestone.briefId, briefId), keep.length ? sql`${briefMilestone.id} not in ${keep}` : undefined));
		for (const r of rows) {
			// A moved date or owner earns new reminders; an unchanged one keeps its history.
			await db
				.insert(briefMilestone)
				.values(r)
				.onConflictDoUpdate({
					target: briefMilestone.id,
					set: {
						name: r.name,
						dueAt: r.dueAt,
						ownerId: r.ownerId ?? null,
						remindedSoonAt: sql`case when ${briefMilestone.dueAt} = excluded.due_at and ${briefMilestone.ownerId} is not distinct from excluded.owner_id then ${briefMilestone.remindedSoonAt} end`,
						remindedOverdueAt: sql`case when ${briefMilestone.dueAt} = excluded.due_at and ${briefMilestone.ownerId} is not distinct from excluded.owner_id then ${briefMilestone.remindedOverdueAt} end`
					}
				});
		}
	},
	/** Milestones of live briefs due on or before `until` that still owe their owner a reminder. */
	milestonesToRemind: (until: string) =>
		db
			.select({ milestone: briefMilestone, brief: { id: brief.id, title: brief.title, workspaceId: brief.workspaceId } })
			.from(briefMilestone)
			.innerJoin(brief, eq(brief.id, briefMilestone.briefId))
			.where(and(lte(briefMilestone.dueAt, until), isNull(briefMilestone.remindedOverdueAt), sql`${brief.status} not in ('closed', 'cancelled', 'delivered')`, sql`${briefMilestone.ownerId} is not null`)),
	markMilestone: (id: string, patch: { remindedSoonAt?: Date; remindedOverdueAt?: Date }) => db.update(briefMilestone).set(patch).where(eq(briefMilestone.id, id)),

	/** The live comments of a brief that `userId` may read: the team's, their own, and notes they were chosen for. */
	commentsFor: (briefId: string, userId: string) =>
		db
			.select({ c: briefComment, authorName: user.name })
			.from(briefComment)
			.leftJoin(user, eq(user.id, briefComment.authorId))
			.where(
				and(
					eq(briefComment.briefId, briefId),
					isNull(briefComment.deletedAt),
					or(eq(briefComment.visibility, 'team'), eq(briefComment.authorId, userId), sql`exists (select 1 from ${briefCommentReader} r where r.comment_id = ${briefComment.id} and r.user_id = ${userId})`)
				)
			)
			.orderBy(asc(briefComment.createdAt)),
	commentReaders: (commentIds: string[]) => (commentIds.length ? db.select().from(briefCommentReader).where(inArray(briefCommentReader.commentId, commentIds)) : Promise.resolve([])),
	commentById: async (id: string) => first(await db.select().from(briefComment).where(and(eq(briefComment.id, id), isNull(briefComment.deletedAt)))),
	insertComment: async (row: typeof briefComment.$inferInsert, readerIds: string[]) => {
		const [c] = await db.insert(briefComment).values(row).returning({ id: briefComment.id });
		if (readerIds.length) await db.insert(briefCommentReader).values(readerIds.map((userId) => ({ commentId: c!.id, userId })));
		return c!.id;
	},
	withdrawComment: (id: string, at: Date) => db.update(briefComment).set({ deletedAt: at }).where(eq(briefComment.id, id)),

	categories: (workspaceId: string) => db.select().from(legalCategory).where(eq(legalCategory.workspaceId, workspaceId)).orderBy(asc(legalCategory.name)),
	categoryByName: async (workspaceId: string, name: string) => first(await db.select().from(legalCategory).where(and(eq(legalCategory.workspaceId, workspaceId), eq(legalCategory.name, name)))),
	categoryById: async (id: string) => first(await db.select().from(legalCategory).where(eq(legalCategory.id, id))),
	insertCategory: async (row: typeof legalCategory.$inferInsert) => first(await db.insert(legalCategory).values(row).onConflictDoNothing().returning()),
	updateCategory: async (id: string, patch: Partial<typeof legalCategory.$inferInsert>) => first(await db.update(legalCategory).set(patch).where(eq(legalCategory.id, id)).returning())
});

export type BriefRepository = ReturnType<typeof createBriefRepository>;
