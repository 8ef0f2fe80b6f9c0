import type { Decision } from '#lib/shared/proofs.ts';
import type { Repositories } from '../db/repositories.ts';
import type { DecisionRow, ProofRow, ReviewerRow, StageRow } from './proof.repository.ts';
import { currentDecisions } from './workflow.ts';

// What the proof service hands out: plain JSON-ready records, dates as ISO strings.

export function presentTemplate(t: { id: string; workspaceId: string; name: string; stages: unknown[]; createdAt: Date }) {
	return { id: t.id, workspaceId: t.workspaceId, name: t.name, stages: t.stages as Record<string, unknown>[], createdAt: t.createdAt.toISOString() };
}

export function presentDecision(d: DecisionRow) {
	return { id: d.id, stageId: d.stageId, reviewerId: d.reviewerId, versionId: d.versionId, round: d.round, decision: d.decision as Decision, note: d.note, decidedAt: d.decidedAt.toISOString() };
}

type VersionInfo = Awaited<ReturnType<Repositories['proofs']['versions']>>[number];

export function present(p: ProofRow, stages: StageRow[], reviewers: ReviewerRow[], decisions: DecisionRow[], versions: VersionInfo[], createdByName: string | null, ticks: { stageId: string; reviewerId: string; item: number }[] = []) {
	return {
		id: p.id,
		workspaceId: p.workspaceId,
		title: p.title,
		status: p.status,
		round: p.round,
		createdBy: p.createdBy,
		createdByName,
		createdAt: p.createdAt.toISOString(),
		closedAt: p.closedAt?.toISOString() ?? null,
		versions: versions.map((v) => ({ versionId: v.versionId, assetId: v.assetId, title: v.title, number: v.number, kind: v.kind, round: v.round, current: v.current })),
		stages: stages.map((s) => {
			const current = currentDecisions(s.id, decisions);
			return {
				id: s.id,
				position: s.position,
				name: s.name,
				rule: s.rule,
				quorum: s.quorum,
				start: s.start,
				dueAt: s.dueAt?.toISOString() ?? null,
				status: s.status,
				outcome: s.outcome,
				round: s.round,
				openedAt: s.openedAt?.toISOString() ?? null,
				closedAt: s.closedAt?.toISOString() ?? null,
				checklist: s.checklist,
				reviewers: reviewers
					.filter((r) => r.stageId === s.id)
					.map((r) => ({
						id: r.id,
						userId: r.userId,
						email: r.email,
						name: r.name,
						guest: r.guest,
						gatekeeper: r.gatekeeper,
						ticked: ticks
							.filter((t) => t.reviewerId === r.id)
							.map((t) => t.item)
							.sort((a, b) => a - b),
						decisions: current.filter((d) => d.reviewerId === r.id).map((d) => ({ versionId: d.versionId, decision: d.decision as Decision, note: d.note, decidedAt: d.decidedAt.toISOString() }))
					}))
			};
		}),
		decisions: decisions.map(presentDecision)
	};
}

export type ProofDetail = ReturnType<typeof present>;
