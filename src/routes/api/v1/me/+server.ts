import type { RequestHandler } from './$types';
import { api, apiActor, services } from '#lib/kit/server/http.ts';
import { workspaceOut } from '#lib/kit/server/present.ts';

export const GET: RequestHandler = api(async ({ locals }) => {
	const actor = apiActor(locals);
	const workspaces = await services().workspaces.listForUser(actor);
	return { user: actor.user, workspaces: workspaces.map(workspaceOut) };
});
