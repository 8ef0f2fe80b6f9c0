import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { act, formObject, run, services } from '#lib/kit/server/http.ts';
import { setSessionCookie } from '#lib/kit/server/cookies.ts';

export const load: PageServerLoad = async ({ params, locals }) => {
	const invitation = await run(() => services().workspaces.previewInvitation(params.token));
	return { invitation, user: locals.actor?.user ?? null };
};

export const actions: Actions = {
	join: async ({ params, locals }) => {
		if (!locals.actor) return fail(401, { message: 'Sign in first.', fields: {} as Record<string, string>, values: {} as Record<string, string> });
		const actor = locals.actor;
		const result = await act(() => services().workspaces.acceptInvitation(actor, params.token));
		if (!('workspace' in result)) return result;
		redirect(303, `/w/${result.workspace.slug}/briefs`);
	},

	register: async ({ params, request, cookies, url, getClientAddress }) => {
		const values = formObject(await request.formData(), ['name', 'email', 'password']);
		const result = await act(
			() => services().join.registerAndJoin(values, params.token, { ip: getClientAddress(), userAgent: request.headers.get('user-agent') }),
			{ ...values, password: '' }
		);
		if ('token' in result) setSessionCookie(cookies, url, result.token, result.session.expiresAt);
		if (!('workspace' in result)) return result;
		redirect(303, `/w/${result.workspace.slug}/briefs`);
	}
};
