import type { Actions, PageServerLoad } from './$types';
import { act, formObject, requireActor, services } from '#lib/kit/server/http.ts';

export const load: PageServerLoad = async ({ locals, url }) => ({ tokens: await services().tokens.list(requireActor(locals, url)) });

export const actions: Actions = {
	create: async ({ locals, url, request }) => {
		const actor = requireActor(locals, url);
		const raw = formObject(await request.formData(), ['name', 'expiresInDays']);
		const values = { name: raw.name, expiresInDays: raw.expiresInDays ? raw.expiresInDays : null };
		return act(async () => {
			const { token, apiToken } = await services().tokens.create(actor, values);
			return { token, name: apiToken.name };
		}, raw);
	},
	revoke: async ({ locals, url, request }) => {
		const actor = requireActor(locals, url);
		const { id } = formObject(await request.formData(), ['id']);
		return act(async () => {
			await services().tokens.revoke(actor, id ?? '');
			return { revoked: true };
		});
	}
};
