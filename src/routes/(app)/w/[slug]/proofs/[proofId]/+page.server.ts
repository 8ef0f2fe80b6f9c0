import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { act, formObject, idParam, requireActor, run, services } from '#lib/kit/server/http.ts';
import { auditEventJson } from '#lib/kit/server/present-proofs.ts';
import { familyOf, proofFamilies, typesOf } from '#lib/shared/audit-words.ts';
import type { Decision } from '#lib/shared/proofs.ts';

export const load: PageServerLoad = async ({ locals, url, params, parent }) => {
	const actor = requireActor(locals, url);
	const proofId = await run(async () => idParam(params.proofId, 'Proof'));
	const family = familyOf(proofFamilies, url.searchParams.get('type'));
	const [{ workspace }, proof, activity] = await Promise.all([
		parent(),
		run(() => services().proofs.get(actor, proofId)),
		run(() => services().audit.list(actor, { proofId, types: typesOf(proofFamilies, family), limit: 50 }))
	]);
	// A proof of another workspace under this workspace's address would mislead; it is simply not here.
	if (proof.workspaceId !== workspace.id) error(404, 'Proof not found.');
	const brief = await services().deliverables.proofBrief(proof.id);
	return { proof, me: actor.user.id, family, brief, activity: { items: activity.items.map(auditEventJson), nextCursor: activity.nextCursor } };
};

export const actions: Actions = {
	tick: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const values = formObject(await request.formData(), ['stageId', 'item', 'checked']);
		return act(async () => {
			await services().proofs.tick(actor, idParam(params.proofId, 'Proof'), { stageId: values.stageId, item: Number(values.item), checked: values.checked === 'true' });
			return { ticked: true };
		}, values);
	},
	decide: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const values = formObject(await request.formData(), ['versionId', 'decision', 'note']);
		return act(async () => {
			const { decisions } = await services().proofs.decide(actor, idParam(params.proofId, 'Proof'), values);
			return { decided: (decisions[0]?.decision ?? null) as Decision | null, versionId: values.versionId };
		}, values);
	}
};
