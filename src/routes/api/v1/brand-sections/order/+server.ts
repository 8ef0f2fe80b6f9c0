import type { RequestHandler } from './$types';
import { api, apiActor, readJson, services } from '#lib/kit/server/http.ts';

export const POST: RequestHandler = api(async ({ locals, url, request }) => {
	const actor = apiActor(locals);
	const s = services();
	const workspaceId = await s.assets.workspaceFor(actor, url.searchParams.get('workspaceId'));
	return { items: await s.brand.reorder(actor, workspaceId, await readJson(request)) };
});
