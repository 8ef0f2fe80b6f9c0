import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { act, requireActor, services } from '#lib/kit/server/http.ts';
import { detail, headline, linkOf } from '#lib/server/notifications/templates.ts';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const actor = requireActor(locals, url);
	const { workspaces } = await parent();
	const slugs = new Map(workspaces.map((w) => [w.id, { slug: w.slug, name: w.name }]));
	const { unread, items } = await services().review.notifications(actor, { limit: 100 });
	return {
		unread,
		// The same words and links as the mail that follows each notification.
		items: items.map((n) => {
			const ws = slugs.get(n.workspaceId);
			return {
				id: n.id,
				kind: n.kind,
				read: !!n.readAt,
				createdAt: n.createdAt.toISOString(),
				workspace: ws?.name ?? '',
				headline: headline(n.kind, n.data),
				detail: detail(n.kind, n.data),
				href: ws ? linkOf(n.kind, n.data, ws.slug) : null
			};
		})
	};
};

export const actions: Actions = {
	/** Opens a notification: marks it read and goes to the comment. */
	open: async ({ locals, url, request }) => {
		const actor = requireActor(locals, url);
		const form = await request.formData();
		const id = String(form.get('id') ?? '');
		const href = String(form.get('href') ?? '');
		await act(() => services().review.markRead(actor, { ids: [id] }));
		// Only addresses inside Loupe: never an open redirect.
		redirect(303, href.startsWith('/w/') ? href : '/inbox');
	},
	readAll: async ({ locals, url }) => {
		const actor = requireActor(locals, url);
		return act(() => services().review.markRead(actor, { all: true }));
	}
};
