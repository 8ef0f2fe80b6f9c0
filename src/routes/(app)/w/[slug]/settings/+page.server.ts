import type { Actions } from './$types';
import { act, formObject, requireActor, services } from '#lib/kit/server/http.ts';

export const actions: Actions = {
	rename: async ({ locals, url, request, params }) => {
		const actor = requireActor(locals, url);
		const values = formObject(await request.formData(), ['name']);
		return act(async () => {
			const ws = await services().workspaces.getBySlug(actor, params.slug);
			await services().workspaces.rename(actor, ws.id, values);
			return { saved: true };
		}, values);
	}
};
