// How a proof reads on the list and on its page: its current stage, who decided what, what
// the rule means in words, whether a due date has passed. Pure, used on both sides.
import type { Decision, ProofStatus, StageRule, StageStart, StageStatus } from '#lib/shared/proofs.ts';

export type ReviewerView = {
	id: string;
	userId: string | null;
	email: string;
	name: string;
	guest: boolean;
	gatekeeper: boolean;
	/** Positions of the stage's checklist items this reviewer ticked. */
	ticked?: number[];
	decisions: { versionId: string; decision: Decision; note: string; decidedAt: string }[];
};
export type StageView = {
	id: string;
	position: number;
	name: string;
	rule: StageRule;
	quorum: number | null;
	start: StageStart;
	dueAt: string | null;
	status: StageStatus;
	outcome: Decision | null;
	round: number;
	openedAt: string | null;
	closedAt: string | null;
	checklist?: string[];
	reviewers: ReviewerView[];
};
export type ProofView = {
	id: string;
	title: string;
	status: ProofStatus;
	round: number;
	createdAt: string;
	closedAt: string | null;
	versions: { versionId: string; assetId: string; title: string; number: number; kind: string; round: number; current: boolean }[];
	stages: StageView[];
};

/** The stages people are deciding in now; once none is open, the last one that closed. */
export function currentStages(p: Pick<ProofView, 'stages'>): StageView[] {
	const open = p.stages.filter((s) => s.status === 'open');
	if (open.length) return open;
	const closed = p.stages.filter((s) => s.status === 'closed');
	return closed.length ? [closed.at(-1)!] : p.stages.slice(0, 1);
}

export const isOverdue = (s: Pick<StageView, 'dueAt' | 'status'>, now: Date) => !!s.dueAt && s.status !== 'closed' && new Date(s.dueAt).getTime() < now.getTime();

/** A reviewer's latest decision on the proof's current versions, or null while they have not decided. */
export function latestDecision(r: Pick<ReviewerView, 'decisions'>, currentVersionIds: string[]) {
	const mine = r.decisions.filter((d) => currentVersionIds.includes(d.versionId));
	return mine.length ? mine.reduce((a, b) => (a.decidedAt >= b.decidedAt ? a : b)) : null;
}

export function ruleWords(s: Pick<StageView, 'rule' | 'quorum' | 'reviewers'>): string {
	const n = s.reviewers.length;
	switch (s.rule) {
		case 'all':
			return n === 1 ? 'One reviewer decides' : `All ${n} reviewers must decide`;
		case 'any':
			return 'Any one reviewer decides';
		case 'quorum':
			return `${s.quorum ?? 1} of ${n} approvals needed`;
		case 'gatekeeper': {
			const keeper = s.reviewers.find((r) => r.gatekeeper) ?? s.reviewers[0];
			return keeper ? `${keeper.name} decides as gatekeeper` : 'The gatekeeper decides';
		}
	}
}

export const initials = (name: string) =>
	name
		.split(/[\s@._-]+/)
		.filter(Boolean)
		.slice(0, 2)
		.map((w) => w[0]!.toUpperCase())
		.join('') || '?';

/** One row of the proofs list: what the row shows, not the whole proof. */
export function proofRow(p: ProofView, me: string, now: Date) {
	const current = currentStages(p);
	const versionIds = p.versions.filter((v) => v.current).map((v) => v.versionId);
	const first = p.versions.find((v) => v.current) ?? p.versions[0];
	const due = current.map((s) => s.dueAt).filter((d): d is string => !!d).sort()[0] ?? null;
	const reviewers = current.flatMap((s) =>
		s.reviewers.map((r) => ({ key: `${s.id}:${r.id}`, name: r.name, email: r.email, guest: r.guest, gatekeeper: r.gatekeeper, decision: latestDecision(r, versionIds)?.decision ?? null }))
	);
	const mine = current.filter((s) => s.status === 'open').flatMap((s) => s.reviewers.filter((r) => r.userId === me));
	return {
		id: p.id,
		title: p.title,
		status: p.status,
		createdAt: p.createdAt,
		round: p.round,
		thumb: first ? { versionId: first.versionId, kind: first.kind, number: first.number } : null,
		versionCount: versionIds.length,
		stage: current.length && (p.status === 'in_review' || p.status === 'changes_required') ? current.map((s) => s.name).join(' + ') : null,
		stageCount: p.stages.length,
		due,
		overdue: p.status === 'in_review' && current.some((s) => isOverdue(s, now)),
		reviewers,
		/** Whether the signed-in person still owes a decision here. */
		waitingOnMe: mine.some((r) => versionIds.some((v) => !r.decisions.some((d) => d.versionId === v)))
	};
}
export type ProofRowView = ReturnType<typeof proofRow>;
