import type { PageServerLoad } from './$types';
import { requireActor, run, services } from '#lib/kit/server/http.ts';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const actor = requireActor(locals, url);
	const { workspace } = await parent();
	const rooms = await run(() => services().review.rooms(actor, workspace.id));
	return { rooms: rooms.map((r) => ({ ...r, lastActivity: r.lastActivity?.toISOString() ?? null })) };
};
