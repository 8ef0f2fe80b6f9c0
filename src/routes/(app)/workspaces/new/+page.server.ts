import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { act, formObject, requireActor, services } from '#lib/kit/server/http.ts';

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const actor = requireActor(locals, url);
		const values = formObject(await request.formData(), ['name']);
		const result = await act(() => services().workspaces.create(actor, values), values);
		if (!('slug' in result)) return result;
		redirect(303, `/w/${result.slug}/settings/invitations`);
	}
};
