import type { LayoutServerLoad } from './$types';
import { requireActor, services } from '#lib/kit/server/http.ts';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	const actor = requireActor(locals, url);
	return { user: actor.user, workspaces: await services().workspaces.listForUser(actor) };
};
