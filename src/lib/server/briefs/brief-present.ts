import type { ProofStatus } from '#lib/shared/proofs.ts';
import type { BriefRow, BriefTemplateRow, DeliverableRow, MilestoneRow, SignoffRow } from './brief.repository.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const presentTemplate = (t: BriefTemplateRow) => ({ id: t.id, workspaceId: t.workspaceId, name: t.name, sections: t.sections, createdAt: t.createdAt.toISOString(), updatedAt: t.updatedAt.toISOString() });

export const presentDeliverable = (d: DeliverableRow, proofStatus: ProofStatus | null) => ({
	id: d.id,
	briefId: d.briefId,
	name: d.name,
	channel: d.channel,
	spec: d.spec,
	dueAt: d.dueAt,
	ownerId: d.ownerId,
	assetId: d.assetId,
	proofId: d.proofId,
	/** Where the work stands: no draft yet, a draft, under review, or the proof's outcome. */
	state: !d.assetId ? 'to_do' : !d.proofId || !proofStatus ? 'drafting' : proofStatus
});

export function presentBrief(b: BriefRow, parts: { deliverables: DeliverableRow[]; milestones: MilestoneRow[]; signoffs: SignoffRow[]; proofStatus: Map<string, ProofStatus> }) {
	const deliverables = parts.deliverables.map((d) => presentDeliverable(d, d.proofId ? (parts.proofStatus.get(d.proofId) ?? null) : null));
	const latest = (kind: string) => parts.signoffs.filter((s) => s.kind === kind).at(-1);
	return {
		id: b.id,
		workspaceId: b.workspaceId,
		templateId: b.templateId,
		title: b.title,
		status: b.status,
		sections: b.sections,
		fields: b.fields,
		legalCategory: b.legalCategory,
		disclaimers: b.disclaimers,
		relatedBriefIds: b.relatedBriefIds,
		bodyText: b.bodyText,
		deliverables,
		milestones: parts.milestones.map((m) => ({ id: m.id, name: m.name, dueAt: m.dueAt, ownerId: m.ownerId })),
		signoffs: parts.signoffs.map((s) => ({ id: s.id, kind: s.kind, decision: s.decision, note: s.note, decidedBy: s.decidedBy, decidedAt: s.decidedAt.toISOString() })),
		/** The latest sign-off of each kind, or null. */
		signedOff: { brief: latest('brief')?.decision ?? null, budget: latest('budget')?.decision ?? null, timeline: latest('timeline')?.decision ?? null },
		/** Deliverables by where they stand: the brief's progress. */
		progress: { total: deliverables.length, approved: deliverables.filter((d) => d.state === 'approved').length, inReview: deliverables.filter((d) => d.state === 'in_review').length },
		createdBy: b.createdBy,
		createdAt: b.createdAt.toISOString(),
		updatedAt: b.updatedAt.toISOString(),
		submittedAt: iso(b.submittedAt),
		closedAt: iso(b.closedAt)
	};
}

export type BriefDetail = ReturnType<typeof presentBrief>;
