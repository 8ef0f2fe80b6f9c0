import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { act, formObject, services } from '#lib/kit/server/http.ts';
import { setSessionCookie } from '#lib/kit/server/cookies.ts';

export const load: PageServerLoad = async () => {
	if (!(await services().auth.needsSetup())) redirect(303, '/login');
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const values = formObject(await request.formData(), ['name', 'email', 'password', 'workspaceName']);
		const result = await act(
			() => services().auth.setup(values, { ip: getClientAddress(), userAgent: request.headers.get('user-agent') }),
			{ ...values, password: '' }
		);
		if (!('token' in result)) return result;
		setSessionCookie(cookies, url, result.token, result.session.expiresAt);
		redirect(303, `/w/${result.workspace.slug}/briefs`);
	}
};
