import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services } from '#lib/kit/server/http.ts';
import { clearSessionCookie } from '#lib/kit/server/cookies.ts';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		if (locals.actor) await services().auth.logout(locals.actor);
		clearSessionCookie(cookies, url);
		redirect(303, '/login');
	}
};
