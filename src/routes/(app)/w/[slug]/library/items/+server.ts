// The library's next pages (infinite scroll), in the same card shape as the page load.
import type { RequestHandler } from './$types';
import { api, apiActor, services } from '#lib/kit/server/http.ts';
import { listCards, listQuery } from '../cards.server.ts';

export const GET: RequestHandler = api(async ({ locals, params, url }) => {
	const actor = apiActor(locals);
	const workspace = await services().workspaces.getBySlug(actor, params.slug);
	return listCards(actor, workspace.id, listQuery(url, url.searchParams.get('cursor')), { facets: false });
});
