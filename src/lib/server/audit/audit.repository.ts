import { and, desc, eq, gt, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client.ts';
import { auditEvent, auditHead } from '../db/schema/index.ts';
import type { AuditActorKind } from '../db/schema/audit.ts';
import { GENESIS, hashEvent, type ChainedEvent } from './canonical.ts';

export type AuditRow = typeof auditEvent.$inferSelect;
export type NewAuditEvent = Omit<ChainedEvent, 'seq' | 'prevHash' | 'actorKind'> & { actorKind: AuditActorKind };
export type AuditFilter = { workspaceId: string; proofId?: string; subject?: string; types?: string[]; actorId?: string; before?: number; limit: number };

export const createAuditRepository = (db: Db) => ({
	/**
	 * Appends to the workspace's chain. Must run in the transaction of the change it records:
	 * the advisory lock (held to commit) orders concurrent appends, and a rolled-back change
	 * takes its event with it.
	 */
	async append(e: NewAuditEvent): Promise<AuditRow> {
		await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`audit:${e.workspaceId}`}))`);
		const [head] = await db.select().from(auditHead).where(eq(auditHead.workspaceId, e.workspaceId));
		// The stored jsonb is what verification reads back: hash exactly that.
		const data = JSON.parse(JSON.stringify(e.data)) as Record<string, unknown>;
		const chained: ChainedEvent & { actorKind: AuditActorKind } = { ...e, data, seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? GENESIS };
		const row: AuditRow = { ...chained, hash: hashEvent(chained) };
		await db.insert(auditEvent).values(row);
		if (head) await db.update(auditHead).set({ seq: row.seq, hash: row.hash }).where(eq(auditHead.workspaceId, e.workspaceId));
		else await db.insert(auditHead).values({ workspaceId: e.workspaceId, seq: row.seq, hash: row.hash });
		return row;
	},

	/** Newest first, `before` a seq for the next page. */
	list: (f: AuditFilter) => {
		const where: SQL[] = [eq(auditEvent.workspaceId, f.workspaceId)];
		if (f.proofId) where.push(eq(auditEvent.proofId, f.proofId));
		if (f.subject) where.push(eq(auditEvent.subject, f.subject));
		if (f.types?.length) where.push(inArray(auditEvent.type, f.types));
		if (f.actorId) where.push(eq(auditEvent.actorId, f.actorId));
		if (f.before !== undefined) where.push(lt(auditEvent.seq, f.before));
		return db
			.select()
			.from(auditEvent)
			.where(and(...where))
			.orderBy(desc(auditEvent.seq))
			.limit(f.limit);
	},

	/** One batch of a workspace's chain in order, after `seq` (keyset, so memory stays flat). */
	chain: (workspaceId: string, afterSeq: number, limit: number) =>
		db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.workspaceId, workspaceId), gt(auditEvent.seq, afterSeq)))
			.orderBy(auditEvent.seq)
			.limit(limit),

	head: async (workspaceId: string) => (await db.select().from(auditHead).where(eq(auditHead.workspaceId, workspaceId)))[0],

	/** Every workspace with a chain or a head, so an emptied chain is still checked. */
	workspaces: async () => {
		const result = await db.execute(sql`select workspace_id as id from ${auditHead} union select distinct workspace_id from ${auditEvent}`);
		return rowsOf<{ id: string }>(result).map((r) => r.id);
	}
});

export type AuditRepository = ReturnType<typeof createAuditRepository>;
