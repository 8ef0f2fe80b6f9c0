import { z } from 'zod';

export const decisions = ['approved', 'approved_with_changes', 'changes_required', 'rejected'] as const;
export type Decision = (typeof decisions)[number];
export const stageRules = ['all', 'any', 'quorum', 'gatekeeper'] as const;
export type StageRule = (typeof stageRules)[number];
/** `after_previous`: opens when the stage before it closes approved; `with_previous`: opens together with it. */
export type StageStart = 'after_previous' | 'with_previous';
export type StageStatus = 'waiting' | 'open' | 'closed';
export type ProofStatus = 'in_review' | 'approved' | 'changes_required' | 'rejected';

export const decisionLabel: Record<Decision, string> = {
	approved: 'Approved',
	approved_with_changes: 'Approved with changes',
	changes_required: 'Changes required',
	rejected: 'Rejected'
};
export const proofStatusLabel: Record<ProofStatus, string> = {
	in_review: 'In review',
	approved: 'Approved',
	changes_required: 'Changes required',
	rejected: 'Rejected'
};

/** How bad a decision is for the work: the worst one among several wins. */
const severity: Record<Decision, number> = { approved: 0, approved_with_changes: 1, changes_required: 2, rejected: 3 };
export const worst = (ds: Decision[]): Decision => ds.reduce((a, b) => (severity[b] > severity[a] ? b : a), 'approved' as Decision);
export const isApproval = (d: Decision) => d === 'approved' || d === 'approved_with_changes';

export type ReviewerDecision = { reviewerId: string; decision: Decision };

/**
 * The outcome of one version in one stage under its rule, or null while it is still open.
 * `reviewers` are the stage's reviewer ids; `current` holds each reviewer's latest decision
 * this round. An approval with changes counts as an approval, and is the outcome when any
 * approver asked for changes.
 */
export function versionOutcome(rule: StageRule, reviewers: { id: string; gatekeeper: boolean }[], current: ReviewerDecision[], quorum?: number | null): Decision | null {
	const made = current.filter((d) => reviewers.some((r) => r.id === d.reviewerId));
	switch (rule) {
		case 'any':
			return made.length ? made[0]!.decision : null;
		case 'gatekeeper': {
			const keeper = reviewers.find((r) => r.gatekeeper) ?? reviewers[0];
			return made.find((d) => d.reviewerId === keeper?.id)?.decision ?? null;
		}
		case 'all':
			return made.length >= reviewers.length ? worst(made.map((d) => d.decision)) : null;
		case 'quorum': {
			const need = Math.min(Math.max(1, quorum ?? 1), reviewers.length);
			const approvals = made.filter((d) => isApproval(d.decision));
			if (approvals.length >= need) return worst(approvals.map((d) => d.decision));
			const against = made.filter((d) => !isApproval(d.decision));
			// Closed against once too few reviewers are left to reach the quorum.
			if (reviewers.length - against.length < need) return worst(against.map((d) => d.decision));
			return null;
		}
	}
}

const email = z
	.string()
	.trim()
	.toLowerCase()
	.pipe(z.email({ error: 'Each reviewer is an email address.' }));

export const stageInput = z
	.object({
		name: z.string().trim().min(1, 'Name each stage.').max(80),
		reviewers: z.array(email).min(1, 'Each stage needs at least one reviewer.').max(50),
		rule: z.enum(stageRules, { error: `rule is one of: ${stageRules.join(', ')}.` }).default('all'),
		quorum: z.int().min(1).optional(),
		/** The gatekeeper rule's reviewer whose decision closes the stage; the first reviewer by default. */
		gatekeeper: email.optional(),
		dueAt: z.iso.datetime({ offset: true }).optional(),
		/** Templates: due this many days after the proof is requested (a date would go stale). */
		dueInDays: z.int().min(0).max(365).optional(),
		start: z.enum(['after_previous', 'with_previous']).default('after_previous'),
		/** Items the stage's reviewers tick before deciding. */
		checklist: z.array(z.string().trim().min(1, 'A checklist item needs words.').max(200)).max(20).default([])
	})
	.superRefine((s, ctx) => {
		if (new Set(s.reviewers).size !== s.reviewers.length) ctx.addIssue({ code: 'custom', path: ['reviewers'], message: 'A reviewer is listed twice in one stage.' });
		if (s.rule === 'quorum' && (s.quorum === undefined || s.quorum > s.reviewers.length)) {
			ctx.addIssue({ code: 'custom', path: ['quorum'], message: 'A quorum stage needs a quorum between 1 and its number of reviewers.' });
		}
		if (s.gatekeeper && !s.reviewers.includes(s.gatekeeper)) ctx.addIssue({ code: 'custom', path: ['gatekeeper'], message: 'The gatekeeper must be one of the stage’s reviewers.' });
	});

const stagesInput = z.array(stageInput).min(1, 'A proof needs at least one stage.').max(10);

export const proofInput = z
	.object({
		title: z.string().trim().min(1).max(200).optional(),
		versionIds: z.array(z.uuid({ error: 'versionIds holds version ids.' })).min(1, 'Choose at least one version.').max(50),
		/** The stages, or a workspace template's (`templateId`) when they are left out. */
		stages: stagesInput.optional(),
		templateId: z.uuid().optional()
	})
	.refine((p) => p.stages || p.templateId, { path: ['stages'], message: 'A proof needs at least one stage (or a templateId).' });

export const templateInput = z.object({ name: z.string().trim().min(1, 'Name the template.').max(80), stages: stagesInput });
export const tickInput = z.object({ stageId: z.uuid(), item: z.int().min(0).max(19), checked: z.boolean() });
export type ProofInput = z.input<typeof proofInput>;

export const decisionInput = z.object({
	versionId: z.uuid(),
	decision: z.enum(decisions, { error: `decision is one of: ${decisions.join(', ')}.` }),
	note: z.string().trim().max(4000).default('')
});

export const proofListQuery = z.object({
	status: z.enum(['in_review', 'approved', 'changes_required', 'rejected']).optional(),
	assignedTo: z.literal('me', { error: 'assignedTo takes "me".' }).optional(),
	workspace: z.string().optional(),
	limit: z.coerce.number().int().min(1).max(200).default(50)
});

const iso = z.iso.datetime();
const decisionEnum = z.enum(decisions);

export const decisionOut = z.object({
	id: z.int(),
	stageId: z.uuid(),
	reviewerId: z.uuid(),
	versionId: z.uuid(),
	round: z.int(),
	decision: decisionEnum,
	note: z.string(),
	decidedAt: iso
});

export const proofOut = z.object({
	id: z.uuid(),
	workspaceId: z.uuid(),
	title: z.string(),
	status: z.enum(['in_review', 'approved', 'changes_required', 'rejected']),
	round: z.int(),
	createdBy: z.uuid().nullable(),
	createdByName: z.string().nullable(),
	createdAt: iso,
	closedAt: iso.nullable(),
	versions: z.array(z.object({ versionId: z.uuid(), assetId: z.uuid(), title: z.string(), number: z.int(), kind: z.string(), round: z.int(), current: z.boolean() })),
	stages: z.array(
		z.object({
			id: z.uuid(),
			position: z.int(),
			name: z.string(),
			rule: z.enum(stageRules),
			quorum: z.int().nullable(),
			start: z.enum(['after_previous', 'with_previous']),
			dueAt: iso.nullable(),
			status: z.enum(['waiting', 'open', 'closed']),
			outcome: decisionEnum.nullable(),
			round: z.int(),
			openedAt: iso.nullable(),
			closedAt: iso.nullable(),
			checklist: z.array(z.string()),
			reviewers: z.array(
				z.object({
					id: z.uuid(),
					userId: z.uuid().nullable(),
					email: z.string(),
					name: z.string(),
					guest: z.boolean(),
					gatekeeper: z.boolean(),
					ticked: z.array(z.int()),
					decisions: z.array(z.object({ versionId: z.uuid(), decision: decisionEnum, note: z.string(), decidedAt: iso }))
				})
			)
		})
	),
	decisions: z.array(decisionOut)
});

export const decisionResultOut = z.object({ decisions: z.array(decisionOut), proof: proofOut });

export const auditEventOut = z.object({
	workspaceId: z.uuid(),
	seq: z.int(),
	at: iso,
	type: z.string(),
	actor: z.object({ id: z.uuid().nullable(), kind: z.enum(['user', 'guest', 'system']), name: z.string() }),
	proofId: z.uuid().nullable(),
	subject: z.string(),
	data: z.record(z.string(), z.unknown()),
	prevHash: z.string(),
	hash: z.string()
});
export const auditListOut = z.object({ items: z.array(auditEventOut), nextCursor: z.string().nullable() });

export const auditQuery = z.object({
	proofId: z.uuid({ error: 'proofId is a proof id.' }).optional(),
	briefId: z.uuid({ error: 'briefId is a brief id.' }).optional(),
	workspace: z.string().optional(),
	type: z.string().optional(),
	actorId: z.uuid().optional(),
	cursor: z.string().optional(),
	limit: z.coerce.number().int().min(1).max(500).default(50)
});

export const templateOut = z.object({ id: z.uuid(), workspaceId: z.uuid(), name: z.string(), stages: z.array(z.record(z.string(), z.unknown())), createdAt: iso });
