import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { act, requireActor, services } from '#lib/kit/server/http.ts';

type MentionData = { versionId?: string; threadId?: string; assetTitle?: string; versionNumber?: number; by?: string; excerpt?: string };

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const actor = requireActor(locals, url);
	const { workspaces } = await parent();
	const slugs = new Map(workspaces.map((w) => [w.id, { slug: w.slug, name: w.name }]));
	const { unread, items } = await services().review.notifications(actor, { limit: 100 });
	return {
		unread,
		items: items.map((n) => {
			const d = n.data as MentionData;
			const ws = slugs.get(n.workspaceId);
			return {
				id: n.id,
				kind: n.kind,
				read: !!n.readAt,
				createdAt: n.createdAt.toISOString(),
				workspace: ws?.name ?? '',
				by: d.by ?? 'Someone',
				title: d.assetTitle ?? 'a proof',
				version: d.versionNumber ?? null,
				excerpt: d.excerpt ?? '',
				href: ws && d.versionId ? `/w/${ws.slug}/review/${d.versionId}${d.threadId ? `?thread=${encodeURIComponent(d.threadId)}` : ''}` : null
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
