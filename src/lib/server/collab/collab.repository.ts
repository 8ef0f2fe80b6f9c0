import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { collabDocument, instanceSetting } from '../db/schema/index.ts';

export const createCollabRepository = (db: Db) => ({
	load: async (name: string) => (await db.select({ state: collabDocument.state }).from(collabDocument).where(eq(collabDocument.name, name)))[0]?.state,
	store: (name: string, state: Uint8Array, at: Date) =>
		db
			.insert(collabDocument)
			.values({ name, state, updatedAt: at })
			.onConflictDoUpdate({ target: collabDocument.name, set: { state, updatedAt: at } })
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
