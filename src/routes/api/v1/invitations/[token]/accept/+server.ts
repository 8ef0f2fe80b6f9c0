import type { RequestHandler } from './$types';
import { api, apiActor, services } from '#lib/kit/server/http.ts';
import { workspaceOut } from '#lib/kit/server/present.ts';

export const POST: RequestHandler = api(async ({ locals, params }) => {
	const { workspace, role } = await services().workspaces.acceptInvitation(apiActor(locals), params.token ?? '');
	return workspaceOut({ ...workspace, role });
});
