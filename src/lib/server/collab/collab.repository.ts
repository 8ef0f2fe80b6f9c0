import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { rowsOf, type Db } from '../db/client.ts';
import { collabDocument, collabUpdate, instanceSetting } from '../db/schema/index.ts';

export const createCollabRepository = (db: Db) => ({
	/**
	 * The stored snapshot and every update still in the log, in order. An update stays in the
	 * log until a process that applied it has stored a snapshot containing it, so some may
	 * be in the snapshot already; applying a Yjs update twice changes nothing.
	 */
	load: async (name: string) => {
		const snap = (await db.select({ state: collabDocument.state, upto: collabDocument.upto }).from(collabDocument).where(eq(collabDocument.name, name)))[0];
		const updates = await db
			.select({ id: collabUpdate.id, update: collabUpdate.update })
			.from(collabUpdate)
			.where(eq(collabUpdate.name, name))
			.orderBy(asc(collabUpdate.id));
		return { state: snap?.state, upto: snap?.upto ?? 0, updates };
	},
	/** Logs one accepted update; resolves once it is committed. */
	append: async (name: string, update: Uint8Array) =>
		(await db.insert(collabUpdate).values({ name, update }).returning({ id: collabUpdate.id }))[0]!.id,
	/** Logs several updates in one statement (one commit); ids come back in the rows' order. */
	// Written as SQL rather than with the insert builder, which costs several times as much
	// per call on the collab server's busiest path.
	appendMany: async (rows: { name: string; update: Uint8Array }[]) => {
		const values = sql.join(
			rows.map((r) => sql`(${r.name}, ${r.update})`),
			sql`, `
		);
		const result = await db.execute(sql`insert into ${collabUpdate} (name, update) values ${values} returning id`);
		return rowsOf<{ id: string | number }>(result).map((r) => Number(r.id));
	},
	/**
	 * Folds a document's state into its snapshot and drops the log entries `applied` names,
	 * in one transaction. The snapshot is merged, not replaced: with several collab processes
	 * another one may have stored updates this one has not received yet.
	 */
	store: (name: string, state: Uint8Array, applied: number[], at: Date) =>
		db.transaction(async (tx) => {
			// Serialises stores of one document across processes, the first one included.
			await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${name}))`);
			const [row] = await tx.select({ state: collabDocument.state, upto: collabDocument.upto }).from(collabDocument).where(eq(collabDocument.name, name));
			const merged = row?.state ? Y.mergeUpdates([row.state, state]) : state;
			const upto = Math.max(row?.upto ?? 0, ...applied);
			await tx
				.insert(collabDocument)
				.values({ name, state: merged, upto, updatedAt: at })
				.onConflictDoUpdate({ target: collabDocument.name, set: { state: merged, upto, updatedAt: at } });
			for (let i = 0; i < applied.length; i += 1000) {
				await tx.delete(collabUpdate).where(and(eq(collabUpdate.name, name), inArray(collabUpdate.id, applied.slice(i, i + 1000))));
			}
		})
});

export const createSettingRepository = (db: Db) => ({
	get: async (key: string) => (await db.select().from(instanceSetting).where(eq(instanceSetting.key, key)))[0]?.value,
	/** Inserts unless present; returns whichever value won, so concurrent starts agree. */
	getOrInsert: async (key: string, value: string) => {
		await db.insert(instanceSetting).values({ key, value }).onConflictDoNothing();
		return (await db.select().from(instanceSetting).where(eq(instanceSetting.key, key)))[0]!.value;
	},
	/** False when the key already existed. */
	insertOnce: async (key: string, value: string) =>
		(await db.insert(instanceSetting).values({ key, value }).onConflictDoNothing().returning()).length === 1
});

export type CollabRepository = ReturnType<typeof createCollabRepository>;
export type SettingRepository = ReturnType<typeof createSettingRepository>;
