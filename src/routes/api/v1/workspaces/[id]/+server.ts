import type { RequestHandler } from './$types';
import { api, apiActor, idParam, readJson, services } from '#lib/kit/server/http.ts';
import { workspaceOut } from '#lib/kit/server/present.ts';

export const GET: RequestHandler = api(async ({ locals, params }) =>
	workspaceOut(await services().workspaces.get(apiActor(locals), idParam(params.id, 'Workspace')))
);

export const PATCH: RequestHandler = api(async ({ locals, params, request }) => {
	const actor = apiActor(locals);
	const id = idParam(params.id, 'Workspace');
	await services().workspaces.update(actor, id, await readJson(request));
	return workspaceOut(await services().workspaces.get(actor, id));
});
