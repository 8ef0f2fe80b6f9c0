import type { RequestHandler } from './$types';
import { api, apiActor, idParam, noContent, readJson, services } from '#lib/kit/server/http.ts';

export const PATCH: RequestHandler = api(async ({ locals, params, request }) => {
	const actor = apiActor(locals);
	return services().workspaces.changeRole(actor, idParam(params.id, 'Workspace'), idParam(params.userId, 'Member'), await readJson(request));
});

export const DELETE: RequestHandler = api(async ({ locals, params }) => {
	await services().workspaces.removeMember(apiActor(locals), idParam(params.id, 'Workspace'), idParam(params.userId, 'Member'));
	return noContent();
});
