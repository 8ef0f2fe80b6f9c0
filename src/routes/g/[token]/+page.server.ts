import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { run, services } from '#lib/kit/server/http.ts';
import { setGuestCookie } from '#lib/kit/server/guest-cookie.ts';

/** A guest's link: checked, kept in a cookie scoped to /g, and taken out of the address bar. */
export const load: PageServerLoad = async ({ params, cookies, url }) => {
	await run(() => services().proofs.guest(params.token));
	setGuestCookie(cookies, url, params.token);
	redirect(303, '/g/proof');
};
