import { isApproval, versionOutcome, worst, type Decision, type ProofStatus } from '#lib/shared/proofs.ts';
import type { DecisionRow, ReviewerRow, StageRow } from './proof.repository.ts';

export type Plan = {
	close: { stageId: string; outcome: Decision | null }[];
	open: string[];
	status: ProofStatus;
	/** The proof is finished (approved or rejected): every stage is closed. */
	finished: boolean;
};

/** Each reviewer's newest decision per version in one stage, in the order they were made. */
export function currentDecisions(stageId: string, decisions: DecisionRow[]) {
	const latest = new Map<string, DecisionRow>();
	for (const d of decisions) if (d.stageId === stageId) latest.set(`${d.reviewerId}:${d.versionId}`, d);
	return [...latest.values()].sort((a, b) => a.id - b.id);
}

/**
 * What follows from the decisions made so far: which open stages close (each current
 * version has an outcome under the stage's rule; the stage takes the worst), which waiting
 * stages open (after the stages before them all closed approved, or together with the one
 * before them), and the proof's status. A rejection anywhere ends the proof; a stage asking
 * for changes puts it in `changes_required` until a new version opens the next round.
 */
export function plan(stages: StageRow[], reviewers: ReviewerRow[], decisions: DecisionRow[], currentVersionIds: string[]): Plan {
	const state = new Map(stages.map((s) => [s.id, { status: s.status, outcome: s.outcome }]));
	const close: Plan['close'] = [];
	const open: string[] = [];

	for (const s of stages) {
		if (s.status !== 'open') continue;
		const people = reviewers.filter((r) => r.stageId === s.id).map((r) => ({ id: r.id, gatekeeper: r.gatekeeper }));
		const current = currentDecisions(s.id, decisions);
		const outcomes = currentVersionIds.map((v) => versionOutcome(s.rule, people, current.filter((d) => d.versionId === v), s.quorum));
		if (outcomes.every((o): o is Decision => o !== null)) {
			const outcome = worst(outcomes);
			close.push({ stageId: s.id, outcome });
			state.set(s.id, { status: 'closed', outcome });
		}
	}

	const rejected = stages.some((s) => state.get(s.id)!.outcome === 'rejected');
	if (rejected) {
		for (const s of stages) {
			if (state.get(s.id)!.status === 'open') close.push({ stageId: s.id, outcome: null });
		}
		return { close, open, status: 'rejected', finished: true };
	}

	// Open what may open, repeatedly: a stage opened `with_previous` lets the next one follow.
	for (let changed = true; changed; ) {
		changed = false;
		stages.forEach((s, i) => {
			if (state.get(s.id)!.status !== 'waiting') return;
			const before = stages.slice(0, i).map((b) => state.get(b.id)!);
			const prev = before.at(-1);
			const may =
				s.start === 'with_previous' && prev
					? prev.status !== 'waiting'
					: before.every((b) => b.status === 'closed' && b.outcome !== null && isApproval(b.outcome));
			if (may) {
				open.push(s.id);
				state.set(s.id, { status: 'open', outcome: null });
				changed = true;
			}
		});
	}

	const all = stages.map((s) => state.get(s.id)!);
	if (all.some((s) => s.status === 'closed' && s.outcome === 'changes_required')) return { close, open, status: 'changes_required', finished: false };
	if (all.every((s) => s.status === 'closed' && s.outcome !== null && isApproval(s.outcome))) return { close, open, status: 'approved', finished: true };
	return { close, open, status: 'in_review', finished: false };
}
