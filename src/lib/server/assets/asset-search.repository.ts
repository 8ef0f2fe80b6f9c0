import { and, desc, eq, gte, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client.ts';
import { asset, assetTag, assetVersion, collection, tag, user, type Asset, type AssetStatus, type CustomField } from '../db/schema/index.ts';

export type AssetFilter = {
	q?: string;
	kind?: string;
	tag?: string;
	status?: AssetStatus;
	collectionId?: string;
	uploader?: string;
	from?: Date;
	to?: Date;
	trashed?: boolean;
	/** Custom field filters: the value equals, or the multi-select contains, `value`. */
	fields?: { key: string; value: string }[];
};
/** Keyset position: by recency without a query, by relevance with one. */
export type Cursor = { createdAt: Date; id: string } | { score: number; id: string };
export type FacetCount = { value: string; label?: string; count: number };
export type Facets = Record<'type' | 'status' | 'tag' | 'collection' | 'uploader', FacetCount[]> & { fields: Record<string, FacetCount[]> };

const tsq = (q: string) => sql`websearch_to_tsquery('english', ${q})`;
const score = (q: string) => sql<number>`(ts_rank_cd(${asset.search}, ${tsq(q)}) * 2 + word_similarity(${q}, ${asset.searchName}))::real`;

function where(workspaceId: string, f: AssetFilter): SQL {
	const parts: (SQL | undefined)[] = [eq(asset.workspaceId, workspaceId), f.trashed ? isNotNull(asset.deletedAt) : isNull(asset.deletedAt)];
	if (f.kind) parts.push(eq(asset.kind, f.kind as Asset['kind']));
	if (f.status) parts.push(eq(asset.status, f.status));
	if (f.collectionId) parts.push(eq(asset.collectionId, f.collectionId));
	if (f.uploader) parts.push(eq(asset.createdBy, f.uploader));
	if (f.from) parts.push(gte(asset.createdAt, f.from));
	if (f.to) parts.push(lte(asset.createdAt, f.to));
	if (f.tag) parts.push(sql`exists (select 1 from ${assetTag} join ${tag} on ${tag.id} = ${assetTag.tagId} where ${assetTag.assetId} = ${asset.id} and ${tag.name} = ${f.tag})`);
	for (const { key, value } of f.fields ?? []) {
		parts.push(sql`(${asset.fields} @> jsonb_build_object(${key}::text, ${value}::text) or ${asset.fields} @> jsonb_build_object(${key}::text, jsonb_build_array(${value}::text)))`);
	}
	if (f.q) {
		const like = `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
		parts.push(sql`(${asset.search} @@ ${tsq(f.q)} or ${asset.searchName} ilike ${like} or ${f.q} <% ${asset.searchName})`);
	}
	return and(...parts)!;
}

export const createAssetSearchRepository = (db: Db) => ({
	/** Recomputes an asset's search vector from its title, tags, description, latest file name and PDF text. */
	refresh: (assetId: string) =>
		db.execute(sql`
			with v as (
				select original_name, text_content from ${assetVersion} where asset_id = ${assetId} order by number desc limit 1
			), t as (
				select coalesce(string_agg(tg.name, ' '), '') as names from ${assetTag} at join ${tag} tg on tg.id = at.tag_id where at.asset_id = ${assetId}
			)
			update ${asset} set
				search =
					setweight(to_tsvector('english', title), 'A') ||
					setweight(to_tsvector('english', (select names from t)), 'A') ||
					setweight(to_tsvector('english', description), 'B') ||
					setweight(to_tsvector('english', coalesce((select string_agg(value, ' ') from jsonb_each_text(fields)), '')), 'C') ||
					setweight(to_tsvector('simple', coalesce(regexp_replace((select original_name from v), '[._-]+', ' ', 'g'), '')), 'B') ||
					setweight(to_tsvector('english', left(coalesce((select text_content from v), ''), 500000)), 'D'),
				search_name = lower(title || ' ' || coalesce((select original_name from v), ''))
			where id = ${assetId}`),

	async list(workspaceId: string, f: AssetFilter, cursor: Cursor | null, limit: number) {
		const base = where(workspaceId, f);
		if (f.q) {
			const s = score(f.q);
			const after = cursor && 'score' in cursor ? or(sql`${s} < ${cursor.score}`, and(sql`${s} = ${cursor.score}`, lt(asset.id, cursor.id))) : undefined;
			return db
				.select({ asset, score: s })
				.from(asset)
				.where(and(base, after))
				.orderBy(desc(s), desc(asset.id))
				.limit(limit);
		}
		const after = cursor && 'createdAt' in cursor ? or(lt(asset.createdAt, cursor.createdAt), and(eq(asset.createdAt, cursor.createdAt), lt(asset.id, cursor.id))) : undefined;
		return db
			.select({ asset, score: sql<number>`0::real` })
			.from(asset)
			.where(and(base, after))
			.orderBy(desc(asset.createdAt), desc(asset.id))
			.limit(limit);
	},

	/** Counts for the filter sidebar, over the same filtered set as the list. */
	async facets(workspaceId: string, f: AssetFilter, defs: CustomField[] = []): Promise<Facets> {
		const base = where(workspaceId, f);
		const matching = db.select({ id: asset.id }).from(asset).where(base);
		const count = sql<number>`count(*)::int`;
		const [type, status, tags, collections, uploaders] = await Promise.all([
			db.select({ value: asset.kind, count }).from(asset).where(base).groupBy(asset.kind).orderBy(desc(count)),
			db.select({ value: asset.status, count }).from(asset).where(base).groupBy(asset.status).orderBy(desc(count)),
			db
				.select({ value: tag.name, count })
				.from(assetTag)
				.innerJoin(tag, eq(tag.id, assetTag.tagId))
				.where(sql`${assetTag.assetId} in ${matching}`)
				.groupBy(tag.name)
				.orderBy(desc(count), tag.name)
				.limit(50),
			db
				.select({ value: collection.id, label: collection.name, count })
				.from(asset)
				.innerJoin(collection, eq(collection.id, asset.collectionId))
				.where(base)
				.groupBy(collection.id, collection.name)
				.orderBy(desc(count)),
			db
				.select({ value: user.id, label: user.name, count })
				.from(asset)
				.innerJoin(user, eq(user.id, asset.createdBy))
				.where(base)
				.groupBy(user.id, user.name)
				.orderBy(desc(count))
				.limit(50)
		]);
		const fields: Record<string, FacetCount[]> = {};
		for (const d of defs.filter((d) => d.type === 'select' || d.type === 'multiselect')) {
			const values = sql`jsonb_array_elements_text(case jsonb_typeof(${asset.fields} -> ${d.key}::text) when 'array' then ${asset.fields} -> ${d.key}::text else jsonb_build_array(${asset.fields} -> ${d.key}::text) end)`;
			fields[d.key] = rowsOf<{ value: string; count: number }>(
				await db.execute(sql`select v as value, count(*)::int as count from ${asset}, ${values} as v where ${base} and ${asset.fields} ? ${d.key}::text group by v order by count desc, v limit 50`)
			);
		}
		return { type, status, tag: tags, collection: collections, uploader: uploaders, fields };
	}
});

export type AssetSearchRepository = ReturnType<typeof createAssetSearchRepository>;
