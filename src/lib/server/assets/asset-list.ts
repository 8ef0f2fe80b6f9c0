import { DomainError } from '#lib/shared/errors.ts';
import { parse } from '#lib/shared/validate.ts';
import { assetListQuery } from '#lib/shared/asset-schemas.ts';
import type { Access } from '../access/access.ts';
import type { Actor } from '../auth/actor.ts';
import type { Repositories } from '../db/repositories.ts';
import type { AssetFilter, Cursor, Facets, Hit, Mode } from './asset-search.repository.ts';

const FACET_TTL_MS = 10_000;

/** Listing and searching the library: modes, keyset cursors and facet counts. */
export function createAssetList(deps: { repos: Repositories; access: Access; now: () => Date }) {
	const { repos, access } = deps;

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
			let mode: Mode = !q.q ? 'recent' : cursor && 'mode' in cursor ? cursor.mode : 'fts';
			let hits: Hit[] = [];
			let facets: Facets | undefined;
			if (mode === 'recent') {
				hits = await repos.search.recent(workspaceId, filter, cursor, q.limit + 1);
				if (wantFacets) facets = await browseFacets(workspaceId, filter, defs);
			} else {
				// Words as typed first; only when they find nothing, partial and misspelt matches.
				if (mode === 'fts') ({ hits, facets } = await repos.search.ranked(workspaceId, { ...filter, q: q.q! }, 'fts', cursor, q.limit + 1, wantFacets ? defs : null));
				if (mode === 'fuzzy' || (!hits.length && !cursor)) {
					mode = 'fuzzy';
					const fuzzy = await repos.search.fuzzyQuery(workspaceId, q.q!);
					if (fuzzy) ({ hits, facets } = await repos.search.ranked(workspaceId, { ...filter, q: fuzzy }, 'fuzzy', cursor, q.limit + 1, wantFacets ? defs : null));
				}
			}
			const page = hits.slice(0, q.limit);
			const last = hits.length > q.limit ? page[page.length - 1]! : null;
			const byId = new Map((await repos.assets.byIds(page.map((h) => h.id))).map((a) => [a.id, a]));
			return {
				items: page.map((h) => byId.get(h.id)).filter((a) => a !== undefined),
				nextCursor: last ? encodeCursor(mode === 'recent' ? { createdAt: last.createdAt, id: last.id } : { score: last.score, id: last.id, mode }) : null,
				facets
			};
		},

	};
}

const encodeCursor = (c: Cursor) =>
	Buffer.from(JSON.stringify('score' in c ? { s: c.score, i: c.id, m: c.mode } : { t: c.createdAt.toISOString(), i: c.id })).toString('base64url');

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
	return { createdAt, id: c.i };
}

