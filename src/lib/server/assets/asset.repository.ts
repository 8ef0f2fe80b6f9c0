import { and, desc, eq, inArray, isNull, isNotNull, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { asset, assetTag, assetVersion, rendition, tag, user } from '../db/schema/index.ts';


export const createAssetRepository = (db: Db) => ({
	insertAsset: async (values: typeof asset.$inferInsert) => (await db.insert(asset).values(values).returning())[0]!,
	insertVersion: async (values: typeof assetVersion.$inferInsert) => (await db.insert(assetVersion).values(values).returning())[0]!,
	assetById: (id: string) => db.query.asset.findFirst({ where: eq(asset.id, id) }),
	byIds: (ids: string[]) => (ids.length ? db.select().from(asset).where(inArray(asset.id, ids)) : Promise.resolve([])),
	/** Locks the asset row so concurrent uploads of new versions get consecutive numbers. */
	lockAsset: async (id: string) => (await db.select().from(asset).where(eq(asset.id, id)).for('update'))[0],
	updateAsset: async (id: string, values: Partial<typeof asset.$inferInsert>) =>
		(await db.update(asset).set(values).where(eq(asset.id, id)).returning())[0],
	versionById: (id: string) => db.query.assetVersion.findFirst({ where: eq(assetVersion.id, id) }),
	versions: (assetId: string) =>
		db
			.select({ version: assetVersion, uploaderName: user.name })
			.from(assetVersion)
			.leftJoin(user, eq(assetVersion.createdBy, user.id))
			.where(eq(assetVersion.assetId, assetId))
			.orderBy(desc(assetVersion.number)),
	/** The newest version of each asset, in one query. */
	latestVersions: (assetIds: string[]) =>
		assetIds.length
			? db
					.selectDistinctOn([assetVersion.assetId])
					.from(assetVersion)
					.where(inArray(assetVersion.assetId, assetIds))
					.orderBy(assetVersion.assetId, desc(assetVersion.number))
			: Promise.resolve([]),
	/** A live version elsewhere in the workspace with the same bytes. */
	duplicateOf: async (workspaceId: string, sha256: string) =>
		(
			await db
				.select({ assetId: asset.id, title: asset.title, versionNumber: assetVersion.number })
				.from(assetVersion)
				.innerJoin(asset, eq(assetVersion.assetId, asset.id))
				.where(and(eq(assetVersion.workspaceId, workspaceId), eq(assetVersion.sha256, sha256), isNull(asset.deletedAt)))
				.limit(1)
		)[0],
	setVersionResult: (id: string, values: Partial<typeof assetVersion.$inferInsert>) => db.update(assetVersion).set(values).where(eq(assetVersion.id, id)),
	replaceRenditions: async (versionId: string, rows: (typeof rendition.$inferInsert)[]) => {
		await db.delete(rendition).where(eq(rendition.versionId, versionId));
		if (rows.length) await db.insert(rendition).values(rows);
	},
	addRendition: (row: typeof rendition.$inferInsert) => db.insert(rendition).values(row).onConflictDoNothing(),
	renditions: (versionId: string) => db.select().from(rendition).where(eq(rendition.versionId, versionId)),
	renditionsFor: (versionIds: string[]) => (versionIds.length ? db.select().from(rendition).where(inArray(rendition.versionId, versionIds)) : Promise.resolve([])),

	ensureTags: async (workspaceId: string, names: string[]) => {
		if (!names.length) return [];
		await db.insert(tag).values(names.map((name) => ({ workspaceId, name }))).onConflictDoNothing();
		return db.select().from(tag).where(and(eq(tag.workspaceId, workspaceId), inArray(tag.name, names)));
	},
	setTags: async (assetId: string, tagIds: string[]) => {
		await db.delete(assetTag).where(eq(assetTag.assetId, assetId));
		if (tagIds.length) await db.insert(assetTag).values(tagIds.map((tagId) => ({ assetId, tagId })));
	},
	tagsFor: (assetIds: string[]) =>
		assetIds.length
			? db.select({ assetId: assetTag.assetId, name: tag.name }).from(assetTag).innerJoin(tag, eq(assetTag.tagId, tag.id)).where(inArray(assetTag.assetId, assetIds))
			: Promise.resolve([]),

	purgeable: (before: Date) => db.select().from(asset).where(and(isNotNull(asset.deletedAt), lt(asset.deletedAt, before))),
	deleteAsset: (id: string) => db.delete(asset).where(eq(asset.id, id))
});

export type AssetRepository = ReturnType<typeof createAssetRepository>;
