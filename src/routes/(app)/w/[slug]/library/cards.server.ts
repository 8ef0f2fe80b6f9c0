// One page of library cards in the shape the grid draws: the list service already brings
// each asset's tags and newest version with its renditions, in batched queries.
import type { Actor } from '#lib/server/auth/actor.ts';
import { services } from '#lib/kit/server/http.ts';
import { assetOut, renditionOut } from '#lib/kit/server/present-assets.ts';
import { readFilters } from './filters.ts';
import { PAGE_SIZE, thumbOf, type AssetCard, type CardPage, type Facets } from './library-types.ts';

/** The list query from the page's URL, in the API's parameter names. */
export function listQuery(url: URL, cursor?: string | null): Record<string, string> {
	const query: Record<string, string> = { limit: String(PAGE_SIZE) };
	for (const [key, v] of Object.entries(readFilters(url))) if (v) query[key] = v;
	// "To" a day includes that day: the API compares with an instant.
	if (query.to && /^\d{4}-\d{2}-\d{2}$/.test(query.to)) query.to = `${query.to}T23:59:59.999Z`;
	if (cursor) query.cursor = cursor;
	return query;
}

/** `facets: false` for later pages of the same query: the sidebar already has its counts. */
export async function listCards(actor: Actor, workspaceId: string, query: Record<string, string>, opts: { facets?: boolean } = {}): Promise<CardPage> {
	const page = await services().assets.list(actor, workspaceId, query, opts);
	const items = page.items.map((a): AssetCard => {
		const v = a.current;
		return {
			...assetOut(a, a.tags),
			version: v ? { id: v.id, number: v.number, status: v.status, failureReason: v.failureReason, originalName: v.originalName, size: v.size, mime: v.mime } : null,
			thumb: v ? thumbOf(v.renditions.map(renditionOut)) : null
		};
	});
	return { items, nextCursor: page.nextCursor, facets: (page.facets as Facets | undefined) ?? null };
}
