import type { RequestHandler } from './$types';
import { api, apiActor, idParam, readJson, services } from '#lib/kit/server/http.ts';
import { memberOut } from '#lib/kit/server/present.ts';

export const GET: RequestHandler = api(async ({ locals, params }) => ({
	items: (await services().workspaces.members(apiActor(locals), idParam(params.id, 'Workspace'))).map(memberOut)
}));

export const POST: RequestHandler = api(async ({ locals, params, request }) => {
	const actor = apiActor(locals);
	const member = await services().workspaces.addMember(actor, idParam(params.id, 'Workspace'), await readJson(request));
	return Response.json(memberOut(member), { status: 201 });
});
