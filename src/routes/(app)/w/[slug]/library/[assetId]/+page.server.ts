import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { act, idParam, requireActor, run, services } from '#lib/kit/server/http.ts';
import { assetOut, versionOut } from '#lib/kit/server/present-assets.ts';
import { atLeast } from '#lib/shared/roles.ts';
import { approvalInput, templateNameOf, templateStages } from './approval-form.ts';

export const load: PageServerLoad = async ({ locals, url, params, parent }) => {
	const actor = requireActor(locals, url);
	const { workspace } = await parent();
	const canRequest = atLeast(workspace.role, 'creator');
	const [{ asset, tags, versions }, members, templates] = await Promise.all([
		run(() => services().assets.get(actor, idParam(params.assetId, 'Asset'))),
		canRequest ? run(() => services().workspaces.members(actor, workspace.id)) : [],
		canRequest ? run(() => services().proofs.templates(actor, workspace.id)) : []
	]);
	// An asset of another workspace under this workspace's address would mislead; it is simply not here.
	if (asset.workspaceId !== workspace.id) error(404, 'Asset not found.');
	return {
		asset: assetOut(asset, tags),
		versions: versions.map((v) => ({ ...versionOut(v, v.renditions), uploaderName: v.uploaderName })),
		/** Who "Request approval" offers as reviewers: viewers cannot review. */
		reviewers: members.filter((m) => atLeast(m.role, 'reviewer')).map((m) => ({ email: m.email, name: m.name, role: m.role })),
		templates: templates.map((t) => ({ id: t.id, name: t.name, stages: t.stages }))
	};
};

export const actions: Actions = {
	/** "Request approval": a proof of the asset's current version, then its page. */
	requestApproval: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const form = await request.formData();
		const input = approvalInput(form);
		// "Also save as a template": the name is checked first, so a taken name never leaves a proof behind.
		const templateName = templateNameOf(form);
		let workspaceId: string | null = null;
		if (templateName !== null) {
			const found = await act(async () => {
				const ws = await services().workspaces.getBySlug(actor, params.slug);
				return { ws, taken: (await services().proofs.templates(actor, ws.id)).some((t) => t.name.toLowerCase() === templateName.toLowerCase()) };
			});
			if (!('ws' in found)) return found;
			if (!templateName) return fail(400, { message: 'Name the template.', fields: { templateName: 'Name the template.' } });
			if (found.taken) return fail(409, { message: `A template called “${templateName}” exists already.`, fields: { templateName: 'Choose another name.' } });
			workspaceId = found.ws.id;
		}
		const proof = await act(async () => services().proofs.create(actor, input));
		if (!('id' in proof)) return proof;
		if (workspaceId && templateName) {
			// Only a race for the same name can fail here; the proof stands either way.
			await act(() => services().proofs.createTemplate(actor, workspaceId, { name: templateName, stages: templateStages(input.stages, new Date()) }));
		}
		redirect(303, `/w/${params.slug}/proofs/${proof.id}`);
	}
};
