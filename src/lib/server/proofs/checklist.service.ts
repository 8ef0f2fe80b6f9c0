import { DomainError } from '#lib/shared/errors.ts';
import { parse } from '#lib/shared/validate.ts';
import { tickInput } from '#lib/shared/proofs.ts';
import type { Actor } from '../auth/actor.ts';
import type { ReviewerRow } from './proof.repository.ts';
import type { ProofCore, ProofDeps } from './proof-core.ts';

/** A stage's checklist: each of its reviewers ticks the items while the stage is open. */
export function createChecklistService(deps: ProofDeps, core: ProofCore) {
	const { repos, access, now } = deps;

	/** Ticks for the reviewer `mine` picks: a member by user id, a guest by reviewer id. */
	async function tickFor(mine: (r: ReviewerRow) => boolean, proofId: string, body: { stageId: string; item: number; checked: boolean }) {
		const [stage, reviewers] = await Promise.all([repos.proofs.stageById(body.stageId), repos.proofs.reviewers(proofId)]);
		if (!stage || stage.proofId !== proofId) throw new DomainError('not_found', 'Stage not found.');
		const me = reviewers.find((r) => r.stageId === stage.id && mine(r) && !r.revokedAt);
		if (!me) throw new DomainError('forbidden', `You are not a reviewer of the ${stage.name} stage.`);
		if (stage.status !== 'open') throw new DomainError('conflict', `The ${stage.name} stage is not open.`);
		if (body.item >= stage.checklist.length) throw new DomainError('invalid', 'No such checklist item.', { fields: { item: 'out of range' } });
		if (body.checked) await repos.proofs.tick({ stageId: stage.id, reviewerId: me.id, item: body.item, tickedAt: now() });
		else await repos.proofs.untick(stage.id, me.id, body.item);
	}

	return {
		tickFor,

		/** Ticks or unticks an item of the checklist of an open stage the actor reviews. */
		async tick(actor: Actor, proofId: string, input: unknown) {
			const p = await core.readable(actor, proofId);
			await access.require(actor, 'proof.decide', p.workspaceId);
			await tickFor((r) => r.userId === actor.user.id, p.id, parse(tickInput, input));
			return core.detail((await repos.proofs.byId(p.id))!);
		}
	};
}

export type ChecklistService = ReturnType<typeof createChecklistService>;
