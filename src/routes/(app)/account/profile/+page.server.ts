import type { Actions } from './$types';
import { act, formObject, requireActor, services } from '#lib/kit/server/http.ts';

export const actions: Actions = {
	profile: async ({ locals, url, request }) => {
		const actor = requireActor(locals, url);
		const values = formObject(await request.formData(), ['name', 'email']);
		return act(async () => {
			await services().auth.updateProfile(actor, values);
			return { form: 'profile', done: 'Profile saved.' };
		}, { ...values, form: 'profile' });
	},
	password: async ({ locals, url, request }) => {
		const actor = requireActor(locals, url);
		const values = formObject(await request.formData(), ['currentPassword', 'newPassword']);
		return act(async () => {
			await services().auth.changePassword(actor, values);
			return { form: 'password', done: 'Password changed. You were signed out everywhere else.' };
		}, { form: 'password' });
	}
};
