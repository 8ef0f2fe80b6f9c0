import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client.ts';
import { asset, collection, customField, type CustomField } from '../db/schema/index.ts';

/** Collections (nested folders) and custom field definitions of a workspace. */
export const createTaxonomyRepository = (db: Db) => ({
	collections: (workspaceId: string) =>
		db
			.select({ id: collection.id, name: collection.name, parentId: collection.parentId, assetCount: sql<number>`count(${asset.id})::int` })
			.from(collection)
			.leftJoin(asset, and(eq(asset.collectionId, collection.id), isNull(asset.deletedAt)))
			.where(eq(collection.workspaceId, workspaceId))
			.groupBy(collection.id)
			.orderBy(asc(collection.name)),
	collectionById: (id: string) => db.query.collection.findFirst({ where: eq(collection.id, id) }),
	insertCollection: async (values: typeof collection.$inferInsert) => (await db.insert(collection).values(values).returning())[0]!,
	updateCollection: (id: string, values: Partial<typeof collection.$inferInsert>) => db.update(collection).set(values).where(eq(collection.id, id)),
	deleteCollection: (id: string) => db.delete(collection).where(eq(collection.id, id)),
	/** The ids from `id` up to the root, to refuse moves that would make a cycle. */
	ancestors: async (id: string) =>
		rowsOf<{ id: string }>(
			await db.execute(sql`
				with recursive up as (
					select id, parent_id from ${collection} where id = ${id}
					union all select c.id, c.parent_id from ${collection} c join up on c.id = up.parent_id
				) select id from up`)
		).map((r) => r.id),

	fields: (workspaceId: string) => db.select().from(customField).where(eq(customField.workspaceId, workspaceId)).orderBy(asc(customField.position), asc(customField.createdAt)),
	fieldById: (id: string) => db.query.customField.findFirst({ where: eq(customField.id, id) }),
	fieldCount: async (workspaceId: string) => (await db.select({ n: count() }).from(customField).where(eq(customField.workspaceId, workspaceId)))[0]?.n ?? 0,
	insertField: async (values: typeof customField.$inferInsert) => (await db.insert(customField).values(values).onConflictDoNothing().returning())[0] as CustomField | undefined,
	updateField: async (id: string, values: Partial<typeof customField.$inferInsert>) => (await db.update(customField).set(values).where(eq(customField.id, id)).returning())[0],
	deleteField: (id: string) => db.delete(customField).where(eq(customField.id, id)),
	/** Removes a deleted field's values from every asset of the workspace. */
	dropFieldValues: (workspaceId: string, key: string) =>
		db.update(asset).set({ fields: sql`${asset.fields} - ${key}::text` }).where(and(eq(asset.workspaceId, workspaceId), sql`${asset.fields} ? ${key}::text`))
});

export type TaxonomyRepository = ReturnType<typeof createTaxonomyRepository>;
