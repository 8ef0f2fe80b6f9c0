import { and, desc, eq, gte, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client.ts';
import { asset, assetTag, assetVersion, collection, searchWord, tag, user, type Asset, type AssetStatus, type CustomField } from '../db/schema/index.ts';

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
/**
 * How a query is matched: `recent` without one; `fts` (the GIN-indexed tsvector) when any
 * asset matches the words; otherwise `fuzzy` (trigram: partial and misspelt names).
 */
export type Mode = 'recent' | 'fts' | 'fuzzy';
/**
 * Keyset position: by recency (browsing, or a broad search walked newest first, which
 * carries its mode), or by relevance.
 */
export type Cursor = { createdAt: Date; id: string; mode?: 'fts' | 'fuzzy' } | { score: number; id: string; mode: 'fts' | 'fuzzy' };
export type Hit = { id: string; score: number; createdAt: Date };
export type FacetCount = { value: string; label?: string; count: number };
export type Facets = Record<'type' | 'status' | 'tag' | 'collection' | 'uploader', FacetCount[]> & {
	fields: Record<string, FacetCount[]>;
	/** How many assets match in all. */
	total: number;
	/** True when the counts are estimated from a sample (broad searches in large libraries). */
	approximate: boolean;
};

/**
 * The text query for a mode: the words as typed (`fts`), or each word as a prefix or as any
 * of the workspace's known words that look like it (`fuzzy`, built by `fuzzyQuery`).
 */
const tsq = (mode: 'fts' | 'fuzzy', q: string) => (mode === 'fts' ? sql`websearch_to_tsquery('english', ${q})` : sql`to_tsquery('simple', ${q})`);
const match = (mode: 'fts' | 'fuzzy', q: string) => sql`${asset.search} @@ ${tsq(mode, q)}`;
const score = (mode: 'fts' | 'fuzzy', q: string) => sql`ts_rank_cd(${asset.search}, ${tsq(mode, q)})::real`;

/** Query words reduced to what to_tsquery accepts: letters and digits only. */
export const queryWords = (q: string) =>
	q
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.split(/[^a-z0-9]+/)
		.filter((w) => w.length >= 2)
		.slice(0, 6);

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
	return and(...parts)!;
}

export const createAssetSearchRepository = (db: Db) => ({
	/**
	 * A tsquery string for partial and misspelt words: each word matches as a prefix, or as
	 * one of the three known words most like it. Null when nothing could match.
	 */
	async fuzzyQuery(workspaceId: string, q: string): Promise<string | null> {
		const words = queryWords(q);
		if (!words.length) return null;
		const groups: string[] = [];
		for (const w of words) {
			const similar = await db
				.select({ word: searchWord.word })
				.from(searchWord)
				.where(and(eq(searchWord.workspaceId, workspaceId), sql`${searchWord.word} % ${w}`))
				.orderBy(sql`similarity(${searchWord.word}, ${w}) desc`)
				.limit(3);
			const alts = [`${w}:*`, ...similar.map((r) => r.word).filter((x) => /^[a-z0-9]+$/.test(x))];
			groups.push(`(${alts.join(' | ')})`);
		}
		return groups.join(' & ');
	},

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
					setweight(to_tsvector('english', left(coalesce((select text_content from v), ''), 500000)), 'D')
			where id = ${assetId}`).then(() =>
			db.execute(sql`
				insert into ${searchWord} (workspace_id, word)
				select workspace_id, w from ${asset}, unnest(tsvector_to_array(search)) w
				where id = ${assetId} and length(w) between 2 and 32
				on conflict do nothing`)
		),

	/** Newest first, keyset-paginated on (createdAt, id); served by the (workspace, deleted, created) index. */
	async recent(workspaceId: string, f: AssetFilter, cursor: Cursor | null, limit: number, text?: { mode: 'fts' | 'fuzzy'; q: string }): Promise<Hit[]> {
		const after = cursor && 'createdAt' in cursor ? or(lt(asset.createdAt, cursor.createdAt), and(eq(asset.createdAt, cursor.createdAt), lt(asset.id, cursor.id))) : undefined;
		const rows = await db
			.select({ id: asset.id, createdAt: asset.createdAt })
			.from(asset)
			.where(and(where(workspaceId, f), after, text ? match(text.mode, text.q) : undefined))
			.orderBy(desc(asset.createdAt), desc(asset.id))
			.limit(limit);
		return rows.map((r) => ({ ...r, score: 0 }));
	},

	/**
	 * Ranked matches and, on the first page, facet counts, in one statement: the matching
	 * set is found once (a materialised CTE) and both the page and the counts read it.
	 */
	async ranked(workspaceId: string, f: AssetFilter & { q: string }, mode: 'fts' | 'fuzzy', cursor: Cursor | null, limit: number, facets: CustomField[] | null) {
		const after = cursor && 'score' in cursor ? sql`(m.score < ${cursor.score}::real or (m.score = ${cursor.score}::real and m.id < ${cursor.id}::uuid))` : sql`true`;
		const facetSql = facets ? sql`, ${facetColumns(facets)}` : sql``;
		const [row] = rowsOf<Record<string, unknown>>(
			await db.execute(sql`
				with m as materialized (
					select ${asset.id} as id, ${asset.kind} as kind, ${asset.status} as status, ${asset.collectionId} as collection_id,
						${asset.createdBy} as created_by, ${asset.createdAt} as created_at, ${asset.fields} as fields, ${score(mode, f.q)} as score
					from ${asset}
					where ${where(workspaceId, f)} and ${match(mode, f.q)}
				)
				select ${agg(sql`select id, score, created_at as "createdAt" from m where ${after} order by score desc, id desc limit ${limit}`)} as page
				${facetSql}`)
		);
		const hits = json<{ id: string; score: number; createdAt: string }[]>(row!.page).map((h) => ({ id: h.id, score: h.score, createdAt: new Date(h.createdAt) }));
		return { hits, facets: facets ? readFacets(row!, facets, 1) : undefined };
	},

	/**
	 * Counts from a sample of the table's pages (SYSTEM sampling, repeatable so paging sees
	 * the same figures), scaled up: for broad searches in large libraries, where counting
	 * every match would visit most of the table.
	 */
	async sampled(workspaceId: string, f: AssetFilter & { q: string }, mode: 'fts' | 'fuzzy', percent: number, defs: CustomField[]) {
		const [row] = rowsOf<Record<string, unknown>>(
			await db.execute(sql`
				with m as materialized (
					select ${asset.id} as id, ${asset.kind} as kind, ${asset.status} as status, ${asset.collectionId} as collection_id,
						${asset.createdBy} as created_by, ${asset.fields} as fields
					from ${asset} tablesample system (${sql.raw(String(percent))}) repeatable (7)
					where ${where(workspaceId, f)} and ${match(mode, f.q)}
				)
				select ${facetColumns(defs)}`)
		);
		return readFacets(row!, defs, 100 / percent);
	},

	/** Facet counts over a filtered set without a query (the library's browse view). */
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
			fields[d.key] = rowsOf<{ value: string; count: number }>(
				await db.execute(sql`select v as value, count(*)::int as count from ${asset}, ${fieldValues(asset.fields, d.key)} as v where ${base} and ${asset.fields} ? ${d.key}::text group by v order by count desc, v limit 50`)
			);
		}
		const total = type.reduce((n, t) => n + t.count, 0);
		return { type, status, tag: tags, collection: collections, uploader: uploaders, fields, total, approximate: false };
	},

	/** The planner's row estimate for the whole asset table: free, and enough to tell a small install. */
	tableEstimate: async () =>
		Number(rowsOf<{ n: number }>(await db.execute(sql`select greatest(reltuples, 0)::bigint as n from pg_class where oid = 'asset'::regclass`))[0]?.n ?? 0),

	/** Live assets in a workspace, served from the partial recency index. */
	liveCount: async (workspaceId: string) =>
		(await db.select({ n: sql<number>`count(*)::int` }).from(asset).where(and(eq(asset.workspaceId, workspaceId), isNull(asset.deletedAt))))[0]?.n ?? 0
});

const agg = (q: SQL) => sql`(select coalesce(json_agg(x), '[]'::json) from (${q}) x)`;
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/** Facet counts over the matching set `m` (a CTE with kind, status, collection, uploader, fields). */
function facetColumns(defs: CustomField[]): SQL {
	return sql`
		(select count(*)::int from m) as total,
		${agg(sql`select kind as value, count(*)::int as count from m group by kind order by count desc`)} as type,
		${agg(sql`select status as value, count(*)::int as count from m group by status order by count desc`)} as status,
		${agg(sql`select t.name as value, count(*)::int as count from m join ${assetTag} at on at.asset_id = m.id join ${tag} t on t.id = at.tag_id group by t.name order by count desc, t.name limit 50`)} as tag,
		${agg(sql`select c.id as value, c.name as label, count(*)::int as count from m join ${collection} c on c.id = m.collection_id group by c.id, c.name order by count desc`)} as collection,
		${agg(sql`select u.id as value, u.name as label, count(*)::int as count from m join ${user} u on u.id = m.created_by group by u.id, u.name order by count desc limit 50`)} as uploader
		${sql.join(
			defs
				.filter((d) => d.type === 'select' || d.type === 'multiselect')
				.map((d) => sql`, ${agg(sql`select v as value, count(*)::int as count from m, ${fieldValues(sql`m.fields`, d.key)} as v where m.fields ? ${d.key}::text group by v order by count desc, v limit 50`)} as ${sql.identifier(`field_${d.key}`)}`)
		)}`;
}

/** Reads the facet columns back, scaling sampled counts up to estimates. */
function readFacets(row: Record<string, unknown>, defs: CustomField[], scale: number): Facets {
	const counts = (v: unknown) => json<FacetCount[]>(v).map((c) => ({ ...c, count: Math.round(c.count * scale) }));
	const fields: Record<string, FacetCount[]> = {};
	for (const d of defs) if (row[`field_${d.key}`] !== undefined) fields[d.key] = counts(row[`field_${d.key}`]);
	return {
		type: counts(row.type),
		status: counts(row.status),
		tag: counts(row.tag),
		collection: counts(row.collection),
		uploader: counts(row.uploader),
		fields,
		total: Math.round(Number(row.total) * scale),
		approximate: scale !== 1
	};
}

/** The values of a select or multi-select field as rows, whichever shape was stored. */
const fieldValues = (col: unknown, key: string) =>
	sql`jsonb_array_elements_text(case jsonb_typeof(${col} -> ${key}::text) when 'array' then ${col} -> ${key}::text else jsonb_build_array(${col} -> ${key}::text) end)`;

export type AssetSearchRepository = ReturnType<typeof createAssetSearchRepository>;
