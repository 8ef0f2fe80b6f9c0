import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { idParam, requireActor, run, services } from '#lib/kit/server/http.ts';
import { versionOut } from '#lib/kit/server/present-assets.ts';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireActor(locals, url);
	const s = services();
	const workspace = await run(() => s.workspaces.getBySlug(actor, params.slug));
	const { asset, version, renditions } = await run(() => s.assets.version(actor, idParam(params.versionId, 'Version')));
	// A version of another workspace under this workspace's address would mislead; it is simply not here.
	if (asset.workspaceId !== workspace.id) error(404, 'Version not found.');
	const [members, all] = await Promise.all([s.workspaces.members(actor, workspace.id), s.assets.get(actor, asset.id)]);
	return {
		user: { id: actor.user.id, name: actor.user.name },
		workspace: { id: workspace.id, name: workspace.name, slug: workspace.slug, role: workspace.role },
		asset: { id: asset.id, title: asset.title, kind: asset.kind },
		version: versionOut(version, renditions),
		versions: all.versions.map((v) => ({ id: v.id, number: v.number, status: v.status })),
		members: members.map((m) => ({ id: m.userId, name: m.name, role: m.role }))
	};
};
