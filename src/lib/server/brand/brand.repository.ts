import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { brandSection } from '../db/schema/index.ts';

export type BrandSectionRow = typeof brandSection.$inferSelect;

const first = <T>(rows: T[]) => rows[0];

export const createBrandRepository = (db: Db) => ({
	list: (workspaceId: string) => db.select().from(brandSection).where(eq(brandSection.workspaceId, workspaceId)).orderBy(asc(brandSection.position), asc(brandSection.updatedAt)),
	byId: async (id: string) => first(await db.select().from(brandSection).where(eq(brandSection.id, id))),
	/** The workspace's sections locked for the rest of the transaction: a reorder sees every section and no other reorder. */
	lockAll: (workspaceId: string) => db.select({ id: brandSection.id }).from(brandSection).where(eq(brandSection.workspaceId, workspaceId)).orderBy(asc(brandSection.position)).for('update'),
	/** Appended after the last section. */
	insert: async (row: Omit<typeof brandSection.$inferInsert, 'position'>) =>
		(
			await db
				.insert(brandSection)
				.values({ ...row, position: sql`(select coalesce(max(${brandSection.position}), -1) + 1 from ${brandSection} where ${brandSection.workspaceId} = ${row.workspaceId})` })
				.returning()
		)[0]!,
	update: async (id: string, patch: Partial<typeof brandSection.$inferInsert>) => first(await db.update(brandSection).set(patch).where(eq(brandSection.id, id)).returning()),
	setPosition: (id: string, position: number) => db.update(brandSection).set({ position }).where(eq(brandSection.id, id)),
	delete: (id: string) => db.delete(brandSection).where(eq(brandSection.id, id))
});

export type BrandRepository = ReturnType<typeof createBrandRepository>;
