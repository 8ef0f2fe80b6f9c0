import { DomainError } from '#lib/shared/errors.ts';
import { parse } from '#lib/shared/validate.ts';
import { assetListQuery } from '#lib/shared/asset-schemas.ts';
import type { Access } from '../access/access.ts';
import type { Actor } from '../auth/actor.ts';
import type { Repositories } from '../db/repositories.ts';
import type { AssetFilter, Cursor, Facets, Hit, Mode } from './asset-search.repository.ts';
import type { CustomField } from '../db/schema/index.ts';

const FACET_TTL_MS = 10_000;
export type SearchTuning = {
	/** Libraries this large sample before counting a search's matches… */
	largeLibrary: number;
	/** …and searches estimated to match more than this are walked newest first with estimated facets. */
	broadMatches: number;
};
const DEFAULT_TUNING: SearchTuning = { largeLibrary: 100_000, broadMatches: 5_000 };
/** Rows a sample should read: enough for counts within a few per cent. */
const SAMPLE_ROWS = 20_000;

/** Listing and searching the library: modes, keyset cursors and facet counts. */
export function createAssetList(deps: { repos: Repositories; access: Access; now: () => Date; tuning?: Partial<SearchTuning> }) {
	const { repos, access } = deps;
	const tuning = { ...DEFAULT_TUNING, ...deps.tuning };

	// Browsing a large library unfiltered would count every asset on each visit; a few
	// seconds of staleness in the sidebar is the better trade. Searches are never cached.
	const facetCache = new Map<string, { at: number; facets: Facets }>();
	async function browseFacets(workspaceId: string, filter: AssetFilter, defs: Awaited<ReturnType<Repositories['taxonomy']['fields']>>) {
		const key = JSON.stringify([workspaceId, filter, defs.map((d) => d.key)]);
		const hit = facetCache.get(key);
		if (hit && deps.now().getTime() - hit.at < FACET_TTL_MS) return hit.facets;
		const facets = await repos.search.facets(workspaceId, filter, defs);
		if (facetCache.size > 500) facetCache.clear();
		facetCache.set(key, { at: deps.now().getTime(), facets });
		return facets;
	}
	// Counting a large workspace takes a while, and its size changes slowly: counted at most
	// every ten minutes, and not at all while the whole table is small.
	const sizes = new Map<string, { at: number; n: number }>();
	async function librarySize(workspaceId: string) {
		const hit = sizes.get(workspaceId);
		if (hit && deps.now().getTime() - hit.at < 600_000) return hit.n;
		const estimate = await repos.search.tableEstimate();
		const n = estimate > 0 && estimate < tuning.largeLibrary ? estimate : await repos.search.liveCount(workspaceId);
		sizes.set(workspaceId, { at: deps.now().getTime(), n });
		return n;
	}

	/**
	 * A search's page and facets. Exact and ranked by relevance, except for a broad search
	 * in a large library: counting tens of thousands of matches would read most of the
	 * table, so its facets are estimated from a sample and its page is walked newest first.
	 */
	async function search(workspaceId: string, filter: AssetFilter & { q: string }, mode: 'fts' | 'fuzzy', cursor: Cursor | null, limit: number, defs: CustomField[] | null) {
		if (cursor && 'createdAt' in cursor) return { hits: await repos.search.recent(workspaceId, filter, cursor, limit, { mode, q: filter.q }), facets: undefined };
		if (!cursor) {
			const size = await librarySize(workspaceId);
			if (size >= tuning.largeLibrary) {
				const percent = Math.min(100, Math.max(0.1, Math.round((SAMPLE_ROWS / size) * 1000) / 10));
				const estimate = await repos.search.sampled(workspaceId, filter, mode, percent, defs ?? []);
				if (estimate.total >= tuning.broadMatches) {
					return { hits: await repos.search.recent(workspaceId, filter, null, limit, { mode, q: filter.q }), facets: defs ? estimate : undefined };
				}
			}
		}
		return repos.search.ranked(workspaceId, filter, mode, cursor, limit, defs);
	}

	/** Writes that change counts drop the workspace's cached facets. */
	const forgetFacets = (workspaceId: string) => {
		for (const k of facetCache.keys()) if (k.startsWith(`["${workspaceId}"`)) facetCache.delete(k);
	};

	return {
		forgetFacets,

		/**
		 * Search and filter, newest first or by relevance. Facet counts come with the first
		 * page only (later pages of an infinite scroll reuse them).
		 */
		async list(actor: Actor, workspaceId: string, query: unknown, opts: { facets?: boolean } = {}) {
			await access.require(actor, 'asset.read', workspaceId);
			const q = parse(assetListQuery, query);
			const fieldFilters = Object.entries((query ?? {}) as Record<string, unknown>)
				.filter(([k, v]) => k.startsWith('field.') && typeof v === 'string' && v !== '')
				.map(([k, v]) => ({ key: k.slice(6), value: String(v).slice(0, 200) }));
			const filter = { kind: q.type, tag: q.tag, status: q.status, collectionId: q.collection, uploader: q.uploader, from: q.from, to: q.to, trashed: q.trashed, fields: fieldFilters };
			const cursor = q.cursor ? decodeCursor(q.cursor) : null;
			const wantFacets = opts.facets !== false && !cursor;
			const defs = wantFacets ? await repos.taxonomy.fields(workspaceId) : [];
			let mode: Mode = !q.q ? 'recent' : (cursor?.mode ?? 'fts');
			let hits: Hit[] = [];
			let facets: Facets | undefined;
			if (mode === 'recent') {
				hits = await repos.search.recent(workspaceId, filter, cursor, q.limit + 1);
				if (wantFacets) facets = await browseFacets(workspaceId, filter, defs);
			} else {
				// Words as typed first; only when they find nothing, partial and misspelt matches.
				if (mode === 'fts') ({ hits, facets } = await search(workspaceId, { ...filter, q: q.q! }, 'fts', cursor, q.limit + 1, wantFacets ? defs : null));
				if (mode === 'fuzzy' || (!hits.length && !cursor)) {
					mode = 'fuzzy';
					const fuzzy = await repos.search.fuzzyQuery(workspaceId, q.q!);
					if (fuzzy) ({ hits, facets } = await search(workspaceId, { ...filter, q: fuzzy }, 'fuzzy', cursor, q.limit + 1, wantFacets ? defs : null));
				}
			}
			const page = hits.slice(0, q.limit);
			const last = hits.length > q.limit ? page[page.length - 1]! : null;
			const ids = page.map((h) => h.id);
			const [assets, tags, versions] = await Promise.all([repos.assets.byIds(ids), repos.assets.tagsFor(ids), repos.assets.latestVersions(ids)]);
			const renditions = await repos.assets.renditionsFor(versions.map((v) => v.id));
			const byId = new Map(assets.map((a) => [a.id, a]));
			const latest = new Map(versions.map((v) => [v.assetId, { ...v, renditions: renditions.filter((r) => r.versionId === v.id) }]));
			return {
				items: page
					.map((h) => byId.get(h.id))
					.filter((a) => a !== undefined)
					.map((a) => ({ ...a, tags: tags.filter((t) => t.assetId === a.id).map((t) => t.name), current: latest.get(a.id) ?? null })),
				nextCursor: last ? encodeCursor(nextCursor(mode, last, hits)) : null,
				facets
			};
		},

	};
}

/** Ranked pages carry a score; recency-ordered ones (browsing, broad searches) a time. */
function nextCursor(mode: Mode, last: Hit, hits: Hit[]): Cursor {
	if (mode === 'recent') return { createdAt: last.createdAt, id: last.id };
	return hits.every((h) => h.score === 0) ? { createdAt: last.createdAt, id: last.id, mode } : { score: last.score, id: last.id, mode };
}

const encodeCursor = (c: Cursor) =>
	Buffer.from(JSON.stringify('score' in c ? { s: c.score, i: c.id, m: c.mode } : { t: c.createdAt.toISOString(), i: c.id, m: c.mode })).toString('base64url');

function decodeCursor(raw: string): Cursor {
	const bad = () => new DomainError('invalid', 'The cursor is not valid.', { fields: { cursor: 'Not valid.' } });
	let c: { s?: unknown; t?: unknown; i?: unknown; m?: unknown };
	try {
		c = JSON.parse(Buffer.from(raw, 'base64url').toString());
	} catch {
		throw bad();
	}
	if (typeof c.i !== 'string' || !/^[0-9a-f-]{36}$/.test(c.i)) throw bad();
	if (typeof c.s === 'number' && Number.isFinite(c.s) && (c.m === 'fts' || c.m === 'fuzzy')) return { score: c.s, id: c.i, mode: c.m };
	const createdAt = new Date(typeof c.t === 'string' ? c.t : NaN);
	if (Number.isNaN(createdAt.getTime())) throw bad();
	return c.m === 'fts' || c.m === 'fuzzy' ? { createdAt, id: c.i, mode: c.m } : { createdAt, id: c.i };
}

