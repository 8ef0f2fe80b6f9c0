import type { Actions, PageServerLoad } from './$types';
import { act, formObject, requireActor, run, services } from '#lib/kit/server/http.ts';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const actor = requireActor(locals, url);
	const { workspace } = await parent();
	return { templates: await run(() => services().proofs.templates(actor, workspace.id)) };
};

export const actions: Actions = {
	remove: async ({ locals, url, request }) => {
		const actor = requireActor(locals, url);
		const values = formObject(await request.formData(), ['id', 'name']);
		return act(async () => {
			await services().proofs.deleteTemplate(actor, values.id ?? '');
			return { done: `Template “${values.name}” deleted. Proofs made from it keep their stages.` };
		}, values);
	}
};
