import type { Actions, PageServerLoad } from './$types';
import { act, formObject, requireActor, run, services } from '#lib/kit/server/http.ts';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const actor = requireActor(locals, url);
	const { workspace } = await parent();
	const full = await run(() => services().workspaces.get(actor, workspace.id));
	return { namingTemplate: full.namingTemplate };
};

export const actions: Actions = {
	rename: async ({ locals, url, request, params }) => {
		const actor = requireActor(locals, url);
		const values = formObject(await request.formData(), ['name']);
		return act(async () => {
			const ws = await services().workspaces.getBySlug(actor, params.slug);
			await services().workspaces.update(actor, ws.id, values);
			return { saved: 'name' };
		}, values);
	},
	naming: async ({ locals, url, request, params }) => {
		const actor = requireActor(locals, url);
		const values = formObject(await request.formData(), ['namingTemplate']);
		return act(async () => {
			const ws = await services().workspaces.getBySlug(actor, params.slug);
			await services().workspaces.update(actor, ws.id, { namingTemplate: values.namingTemplate?.trim() || null });
			return { saved: 'naming' };
		}, values);
	}
};
