import type { RequestHandler } from './$types';
import { api, apiActor, readJson, services } from '#lib/kit/server/http.ts';
import { collectionOut } from '#lib/kit/server/present-assets.ts';

export const GET: RequestHandler = api(async ({ locals, url }) => {
	const actor = apiActor(locals);
	const workspaceId = await services().assets.workspaceFor(actor, url.searchParams.get('workspaceId'));
	return { items: (await services().taxonomy.collections(actor, workspaceId)).map(collectionOut) };
});

export const POST: RequestHandler = api(async ({ locals, request, url }) => {
	const actor = apiActor(locals);
	const workspaceId = await services().assets.workspaceFor(actor, url.searchParams.get('workspaceId'));
	return Response.json(collectionOut(await services().taxonomy.createCollection(actor, workspaceId, await readJson(request))), { status: 201 });
});
