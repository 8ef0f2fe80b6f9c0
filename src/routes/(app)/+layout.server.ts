import type { LayoutServerLoad } from './$types';
import { requireActor, services } from '#lib/kit/server/http.ts';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	const actor = requireActor(locals, url);
	const [workspaces, unread] = await Promise.all([services().workspaces.listForUser(actor), services().repos.review.unreadCount(actor.user.id)]);
	return { user: actor.user, workspaces, unread };
};
