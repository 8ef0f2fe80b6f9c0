import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { act, formObject, services } from '#lib/kit/server/http.ts';
import { setSessionCookie } from '#lib/kit/server/cookies.ts';

/** Only same-site paths, so a crafted ?next= cannot send people elsewhere. */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/');

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.actor) redirect(303, safeNext(url.searchParams.get('next')));
	return { next: safeNext(url.searchParams.get('next')) };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress, setHeaders }) => {
		const values = formObject(await request.formData(), ['email', 'password']);
		const result = await act(
			() => services().auth.login(values, { ip: getClientAddress(), userAgent: request.headers.get('user-agent') }),
			{ email: values.email }
		);
		if (!('token' in result)) {
			if (result.data.retryAfter) setHeaders({ 'retry-after': String(result.data.retryAfter) });
			return result;
		}
		setSessionCookie(cookies, url, result.token, result.session.expiresAt);
		redirect(303, safeNext(url.searchParams.get('next')));
	}
};
