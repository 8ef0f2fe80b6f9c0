import type { Actions, PageServerLoad } from './$types';
import { act, formObject, requireActor, services } from '#lib/kit/server/http.ts';
import { inviteUrl } from '#lib/kit/server/present.ts';
import { rank } from '#lib/shared/roles.ts';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const actor = requireActor(locals, url);
	const { workspace } = await parent();
	if (rank[workspace.role] < rank.manager) return { invitations: null };
	return { invitations: await services().workspaces.invitations(actor, workspace.id) };
};

export const actions: Actions = {
	create: async ({ locals, url, request, params }) => {
		const actor = requireActor(locals, url);
		const raw = formObject(await request.formData(), ['role', 'email', 'expiresInDays', 'maxUses']);
		const values = { ...raw, email: raw.email || undefined };
		return act(async () => {
			const ws = await services().workspaces.getBySlug(actor, params.slug);
			const { token } = await services().workspaces.invite(actor, ws.id, values);
			return { link: inviteUrl(url.origin, token) };
		}, raw);
	},
	revoke: async ({ locals, url, request, params }) => {
		const actor = requireActor(locals, url);
		const { id } = formObject(await request.formData(), ['id']);
		return act(async () => {
			const ws = await services().workspaces.getBySlug(actor, params.slug);
			await services().workspaces.revokeInvitation(actor, ws.id, id ?? '');
			return { revoked: true };
		});
	}
};
