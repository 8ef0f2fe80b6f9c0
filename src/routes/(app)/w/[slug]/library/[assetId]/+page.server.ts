import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { idParam, requireActor, run, services } from '#lib/kit/server/http.ts';
import { assetOut, versionOut } from '#lib/kit/server/present-assets.ts';

export const load: PageServerLoad = async ({ locals, url, params, parent }) => {
	const actor = requireActor(locals, url);
	const { workspace } = await parent();
	const { asset, tags, versions } = await run(() => services().assets.get(actor, idParam(params.assetId, 'Asset')));
	// An asset of another workspace under this workspace's address would mislead; it is simply not here.
	if (asset.workspaceId !== workspace.id) error(404, 'Asset not found.');
	return {
		asset: assetOut(asset, tags),
		versions: versions.map((v) => ({ ...versionOut(v, v.renditions), uploaderName: v.uploaderName }))
	};
};
