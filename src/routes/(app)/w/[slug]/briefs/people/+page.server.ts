import type { PageServerLoad } from './$types';
import { requireActor, run, services } from '#lib/kit/server/http.ts';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const actor = requireActor(locals, url);
	const { workspace } = await parent();
	const [briefs, members] = await Promise.all([run(() => services().briefs.list(actor, workspace.id, {})), run(() => services().workspaces.members(actor, workspace.id))]);
	return { briefs, people: Object.fromEntries(members.map((m) => [m.userId, m.name])) };
};
