// Audit events in words, for the activity feeds (workspace and proof), and the families a
// feed can be narrowed to. Isomorphic: the page renders these on the server, and "Load more"
// renders the next pages in the browser from GET /api/v1/audit.
import { decisionLabel, proofStatusLabel, type Decision, type ProofStatus } from './proofs.ts';
import { roleLabel, type Role } from './roles.ts';
import { briefStatusLabel, type BriefStatus } from './briefs.ts';

/** What a feed needs of an event: the shape of GET /api/v1/audit's items. */
export type AuditEventView = {
	seq: number;
	at: string;
	type: string;
	actor: { id: string | null; kind: string; name: string };
	proofId: string | null;
	subject: string;
	data: Record<string, unknown>;
};

export const auditFamilies = {
	proofs: { label: 'Proofs and stages', types: ['proof.created', 'proof.closed', 'proof.round_opened', 'stage.started', 'stage.closed', 'thread.resolved'] },
	decisions: { label: 'Decisions', types: ['decision.made', 'decision.changed'] },
	uploads: { label: 'Uploads', types: ['version.uploaded'] },
	downloads: { label: 'Downloads', types: ['original.downloaded'] },
	members: { label: 'Members and guests', types: ['member.added', 'member.role_changed', 'member.removed', 'guest.invited', 'guest.revoked'] },
	briefs: { label: 'Briefs', types: ['brief.created', 'brief.updated', 'brief.status_changed', 'brief.signed_off', 'brief.approval_requested'] },
	brand: { label: 'Brand guidelines', types: ['brand.updated'] }
} as const;
export type AuditFamily = keyof typeof auditFamilies;

/** The narrower choice on a proof's own feed. */
export const proofFamilies = {
	decisions: { label: 'Decisions', types: ['decision.made', 'decision.changed'] },
	stages: { label: 'Stages', types: ['stage.started', 'stage.closed'] },
	proof: { label: 'Requests and rounds', types: ['proof.created', 'proof.round_opened', 'proof.closed'] }
} as const;

/** The family named in a query string, or null for "everything" (and for anything unknown). */
export function familyOf<F extends Record<string, { types: readonly string[] }>>(families: F, value: string | null | undefined): keyof F | null {
	return value && Object.hasOwn(families, value) ? (value as keyof F) : null;
}
export const typesOf = <F extends Record<string, { types: readonly string[] }>>(families: F, family: keyof F | null): string[] | undefined =>
	family === null ? undefined : [...families[family]!.types];

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : fallback);
const quote = (note: unknown) => (typeof note === 'string' && note.trim() ? `: “${note.trim()}”` : '');
const version = (d: Record<string, unknown>) => (d.version !== undefined && d.version !== null ? ` v${str(d.version)}` : '');
const lower = (s: string) => s.toLowerCase();
const role = (v: unknown) => (typeof v === 'string' && v in roleLabel ? lower(roleLabel[v as Role]) : str(v, 'unknown'));
const person = (v: unknown) => {
	const u = v as { name?: unknown; email?: unknown } | null;
	return str(u?.name, str(u?.email, 'someone'));
};

const briefStatus = (v: unknown) => (typeof v === 'string' && v in briefStatusLabel ? lower(briefStatusLabel[v as BriefStatus]) : str(v, 'unknown'));

/** What each decision sounds like in a sentence: "Ann approved v1". */
const decided: Record<Decision, string> = {
	approved: 'approved',
	approved_with_changes: 'approved with changes',
	changes_required: 'asked for changes on',
	rejected: 'rejected'
};
const decisionWords = (v: unknown) => (typeof v === 'string' && v in decisionLabel ? lower(decisionLabel[v as Decision]) : str(v, 'unknown'));

/** One sentence per event, e.g. "Ann approved v1 in Creative: “Lovely”" or "Creative closed: approved". */
export function describeEvent(e: AuditEventView): string {
	const d = e.data ?? {};
	const who = e.actor.name || 'Someone';
	switch (e.type) {
		case 'proof.created':
			return `${who} requested approval of “${str(d.title, 'a proof')}”`;
		case 'proof.closed':
			return `Proof closed: ${typeof d.status === 'string' && d.status in proofStatusLabel ? lower(proofStatusLabel[d.status as ProofStatus]) : str(d.status, 'done')}`;
		case 'proof.round_opened': {
			const stages = Array.isArray(d.stages) && d.stages.length ? `; ${d.stages.join(', ')} reopened` : '';
			return `Round ${str(d.round, '?')} opened with a new version${stages}`;
		}
		case 'stage.started':
			return `${str(d.stage, 'A stage')} started`;
		case 'stage.closed':
			return `${str(d.stage, 'A stage')} closed: ${decisionWords(d.outcome)}`;
		case 'decision.made': {
			const verb = typeof d.decision === 'string' && d.decision in decided ? decided[d.decision as Decision] : `decided ${str(d.decision)} on`;
			return `${who} ${verb}${version(d) || ' the proof'} in ${str(d.stage, 'a stage')}${quote(d.note)}`;
		}
		case 'decision.changed':
			return `${who} changed their decision on${version(d) || ' the proof'} in ${str(d.stage, 'a stage')} to ${decisionWords(d.decision)}${d.previous ? ` (was ${decisionWords(d.previous)})` : ''}${quote(d.note)}`;
		case 'version.uploaded':
			return `${who} uploaded${version(d)} of “${str(d.asset, str(d.file, 'an asset'))}”`;
		case 'original.downloaded':
			return `${who} downloaded the original of “${str(d.asset, 'an asset')}”${version(d)}`;
		case 'member.added':
			return `${who} added ${person(d.user)} as ${role(d.role)}`;
		case 'member.role_changed':
			return `${who} changed ${person(d.user)}’s role from ${role(d.from)} to ${role(d.to)}`;
		case 'member.removed':
			return e.actor.name === person(d.user) ? `${who} left the workspace` : `${who} removed ${person(d.user)}`;
		case 'guest.invited':
			return `${who} invited ${str(d.email, str(d.name, 'a guest'))} as a guest${d.stage ? ` to ${str(d.stage)}` : ''}`;
		case 'guest.revoked':
			return `${who} revoked guest access for ${str(d.email, str(d.name, 'a guest'))}`;
		case 'brief.created':
			return `${who} created the brief “${str(d.title, 'a brief')}”${d.template ? ` from the ${str(d.template)} template` : ''}`;
		case 'brief.updated': {
			const changed = Array.isArray(d.changed) ? d.changed.map((c) => str(c)).filter(Boolean) : [];
			return `${who} changed ${changed.length ? changed.join(', ') : 'the brief'}`;
		}
		case 'brief.status_changed':
			return `${who} moved the brief from ${briefStatus(d.from)} to ${briefStatus(d.to)}${quote(d.note)}`;
		case 'brief.signed_off':
			return `${who} ${d.decision === 'rejected' ? 'rejected' : 'signed off'} the ${d.kind === 'brief' || !d.kind ? 'brief' : str(d.kind)}${quote(d.note)}`;
		case 'brief.approval_requested':
			return `${who} requested approval of “${str(d.deliverable, 'a deliverable')}”${version(d)}`;
		case 'brand.updated': {
			const done = { created: 'added %s to', updated: 'changed %s in', deleted: 'deleted %s from' }[str(d.action)];
			return done ? `${who} ${done.replace('%s', `“${str(d.section, 'a section')}”`)} the brand guidelines` : `${who} reordered the brand guidelines`;
		}
		case 'thread.resolved':
			return `${who} resolved a comment${d.asset ? ` on “${str(d.asset)}”` : ''}${version(d)}`;
		default:
			return `${who}: ${e.type}`;
	}
}

/** A small tone for the event's marker in a feed. */
export function eventTone(e: AuditEventView): 'good' | 'warn' | 'bad' | 'neutral' {
	const outcome = e.type === 'stage.closed' ? e.data.outcome : e.type.startsWith('decision.') ? e.data.decision : e.type === 'proof.closed' ? e.data.status : e.type === 'brief.signed_off' ? e.data.decision : null;
	if (e.type === 'brief.status_changed') return e.data.to === 'cancelled' ? 'bad' : e.data.to === 'approved' || e.data.to === 'delivered' ? 'good' : 'neutral';
	if (outcome === 'approved' || outcome === 'approved_with_changes') return 'good';
	if (outcome === 'changes_required') return 'warn';
	if (outcome === 'rejected') return 'bad';
	return 'neutral';
}
