import { and, asc, eq, gt, lte } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { collabDocument, collabUpdate, instanceSetting } from '../db/schema/index.ts';

export const createCollabRepository = (db: Db) => ({
	/** The stored snapshot and the updates logged after it, in order. */
	load: async (name: string) => {
		const snap = (await db.select({ state: collabDocument.state, upto: collabDocument.upto }).from(collabDocument).where(eq(collabDocument.name, name)))[0];
		const updates = await db
			.select({ id: collabUpdate.id, update: collabUpdate.update })
			.from(collabUpdate)
			.where(and(eq(collabUpdate.name, name), gt(collabUpdate.id, snap?.upto ?? 0)))
			.orderBy(asc(collabUpdate.id));
		return { state: snap?.state, upto: snap?.upto ?? 0, updates };
	},
	/** Logs one accepted update; resolves once it is committed. */
	append: async (name: string, update: Uint8Array) =>
		(await db.insert(collabUpdate).values({ name, update }).returning({ id: collabUpdate.id }))[0]!.id,
	/** Replaces the snapshot and drops the log entries it now contains, in one transaction. */
	store: (name: string, state: Uint8Array, upto: number, at: Date) =>
		db.transaction(async (tx) => {
			await tx
				.insert(collabDocument)
				.values({ name, state, upto, updatedAt: at })
				.onConflictDoUpdate({ target: collabDocument.name, set: { state, upto, updatedAt: at } });
			if (upto > 0) await tx.delete(collabUpdate).where(and(eq(collabUpdate.name, name), lte(collabUpdate.id, upto)));
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
