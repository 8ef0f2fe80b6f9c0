import type { RequestHandler } from './$types';
import { api, apiActor, readJson, services } from '#lib/kit/server/http.ts';
import { fieldOut } from '#lib/kit/server/present-assets.ts';

export const GET: RequestHandler = api(async ({ locals, url }) => {
	const actor = apiActor(locals);
	const workspaceId = await services().assets.workspaceFor(actor, url.searchParams.get('workspaceId'));
	return { items: (await services().taxonomy.fields(actor, workspaceId)).map(fieldOut) };
});

export const POST: RequestHandler = api(async ({ locals, request, url }) => {
	const actor = apiActor(locals);
	const workspaceId = await services().assets.workspaceFor(actor, url.searchParams.get('workspaceId'));
	return Response.json(fieldOut(await services().taxonomy.createField(actor, workspaceId, await readJson(request))), { status: 201 });
});
