import type { LayoutServerLoad } from './$types';
import { requireActor, run, services } from '#lib/kit/server/http.ts';

export const load: LayoutServerLoad = async ({ locals, url, params }) => {
	const actor = requireActor(locals, url);
	const workspace = await run(() => services().workspaces.getBySlug(actor, params.slug));
	return { workspace: { id: workspace.id, name: workspace.name, slug: workspace.slug, role: workspace.role } };
};
