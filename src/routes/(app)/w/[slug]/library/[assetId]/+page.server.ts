import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { act, idParam, requireActor, run, services } from '#lib/kit/server/http.ts';
import { assetOut, versionOut } from '#lib/kit/server/present-assets.ts';
import { atLeast } from '#lib/shared/roles.ts';
import { approvalInput } from './approval-form.ts';

export const load: PageServerLoad = async ({ locals, url, params, parent }) => {
	const actor = requireActor(locals, url);
	const { workspace } = await parent();
	const canRequest = atLeast(workspace.role, 'creator');
	const [{ asset, tags, versions }, members] = await Promise.all([
		run(() => services().assets.get(actor, idParam(params.assetId, 'Asset'))),
		canRequest ? run(() => services().workspaces.members(actor, workspace.id)) : []
	]);
	// An asset of another workspace under this workspace's address would mislead; it is simply not here.
	if (asset.workspaceId !== workspace.id) error(404, 'Asset not found.');
	return {
		asset: assetOut(asset, tags),
		versions: versions.map((v) => ({ ...versionOut(v, v.renditions), uploaderName: v.uploaderName })),
		/** Who "Request approval" offers as reviewers: viewers cannot review. */
		reviewers: members.filter((m) => atLeast(m.role, 'reviewer')).map((m) => ({ email: m.email, name: m.name, role: m.role }))
	};
};

export const actions: Actions = {
	/** "Request approval": a proof of the asset's current version, then its page. */
	requestApproval: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const proof = await act(async () => services().proofs.create(actor, approvalInput(await request.formData())));
		if (!('id' in proof)) return proof;
		redirect(303, `/w/${params.slug}/proofs/${proof.id}`);
	}
};
