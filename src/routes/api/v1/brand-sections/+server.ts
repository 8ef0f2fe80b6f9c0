import type { RequestHandler } from './$types';
import { api, apiActor, readJson, services } from '#lib/kit/server/http.ts';

export const GET: RequestHandler = api(async ({ locals, url }) => {
	const actor = apiActor(locals);
	const s = services();
	return { items: await s.brand.list(actor, await s.assets.workspaceFor(actor, url.searchParams.get('workspaceId'))) };
});

export const POST: RequestHandler = api(async ({ locals, url, request }) => {
	const actor = apiActor(locals);
	const s = services();
	const workspaceId = await s.assets.workspaceFor(actor, url.searchParams.get('workspaceId'));
	return Response.json(await s.brand.create(actor, workspaceId, await readJson(request)), { status: 201 });
});
