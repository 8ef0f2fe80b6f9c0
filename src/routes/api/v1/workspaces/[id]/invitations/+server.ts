import type { RequestHandler } from './$types';
import { api, apiActor, idParam, readJson, services } from '#lib/kit/server/http.ts';
import { invitationOut, inviteUrl } from '#lib/kit/server/present.ts';

export const GET: RequestHandler = api(async ({ locals, params }) => ({
	items: (await services().workspaces.invitations(apiActor(locals), idParam(params.id, 'Workspace'))).map(invitationOut)
}));

export const POST: RequestHandler = api(async ({ locals, params, request, url }) => {
	const actor = apiActor(locals);
	const { invitation, token } = await services().workspaces.invite(actor, idParam(params.id, 'Workspace'), await readJson(request));
	return Response.json({ invitation: invitationOut(invitation), token, url: inviteUrl(url.origin, token) }, { status: 201 });
});
