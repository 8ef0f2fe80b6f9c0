import { Check, CheckCheck, Clock, RotateCcw, X } from '@lucide/svelte';
import { decisionLabel, type Decision } from '#lib/shared/proofs.ts';

/** One look per decision, shared by the avatars, the stage timeline and the decision buttons. */
export const decisionStyle = {
	approved: { icon: Check, dot: 'bg-emerald-600 text-white', pill: 'bg-emerald-50 text-emerald-800 ring-emerald-200', button: 'bg-emerald-600 text-white hover:bg-emerald-700 ring-emerald-700/20' },
	approved_with_changes: { icon: CheckCheck, dot: 'bg-teal-500 text-white', pill: 'bg-teal-50 text-teal-800 ring-teal-200', button: 'bg-white text-teal-800 ring-teal-300 hover:bg-teal-50' },
	changes_required: { icon: RotateCcw, dot: 'bg-amber-500 text-white', pill: 'bg-amber-50 text-amber-800 ring-amber-200', button: 'bg-white text-amber-800 ring-amber-300 hover:bg-amber-50' },
	rejected: { icon: X, dot: 'bg-red-600 text-white', pill: 'bg-red-50 text-red-800 ring-red-200', button: 'bg-white text-red-700 ring-red-300 hover:bg-red-50' }
} satisfies Record<Decision, { icon: unknown; dot: string; pill: string; button: string }>;

export const pendingStyle = { icon: Clock, dot: 'bg-slate-300 text-slate-700', pill: 'bg-slate-50 text-slate-600 ring-slate-200' };

export const decisionText = (d: Decision | null) => (d ? decisionLabel[d] : 'Not decided yet');
