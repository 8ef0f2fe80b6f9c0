import type { ProofStatus } from '#lib/shared/proofs.ts';

/** The list's tabs, in order, and what each asks the proof service for. */
export const proofTabs = {
	mine: { label: 'Waiting on me', query: { assignedTo: 'me' as const } },
	in_review: { label: 'In review', query: { status: 'in_review' as ProofStatus } },
	changes_required: { label: 'Changes required', query: { status: 'changes_required' as ProofStatus } },
	approved: { label: 'Approved', query: { status: 'approved' as ProofStatus } },
	rejected: { label: 'Rejected', query: { status: 'rejected' as ProofStatus } },
	all: { label: 'All', query: {} }
} as const;
export type ProofTab = keyof typeof proofTabs;

export const tabOf = (value: string | null): ProofTab | null => (value && Object.hasOwn(proofTabs, value) ? (value as ProofTab) : null);
