import type { RequestHandler } from './$types';
import { api, apiActor, readJson, services } from '#lib/kit/server/http.ts';
import { workspaceOut } from '#lib/kit/server/present.ts';

export const GET: RequestHandler = api(async ({ locals }) => ({ items: (await services().workspaces.listForUser(apiActor(locals))).map(workspaceOut) }));

export const POST: RequestHandler = api(async ({ locals, request }) => {
	const actor = apiActor(locals);
	const ws = await services().workspaces.create(actor, await readJson(request));
	return Response.json(workspaceOut(ws), { status: 201 });
});
