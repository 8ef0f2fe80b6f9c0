import type { Actions, PageServerLoad } from './$types';
import { act, formObject, requireActor, services } from '#lib/kit/server/http.ts';

export const load: PageServerLoad = async ({ locals, url }) => ({ notifications: await services().notifications.preferences(requireActor(locals, url)) });

export const actions: Actions = {
	notifications: async ({ locals, url, request }) => {
		const actor = requireActor(locals, url);
		const values = formObject(await request.formData(), ['email']);
		return act(async () => {
			await services().notifications.setPreferences(actor, values);
			return { form: 'notifications', done: 'Email preference saved.' };
		}, { ...values, form: 'notifications' });
	},
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
