import { createHash } from 'node:crypto';

/** The `prevHash` of a workspace's first event. */
export const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted at every depth and no whitespace: one text per value. */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
	if (value instanceof Date) return JSON.stringify(value.toISOString());
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Every column of an audit event except its own hash. */
export type ChainedEvent = {
	workspaceId: string;
	seq: number;
	at: Date;
	type: string;
	actorId: string | null;
	actorKind: string;
	actorName: string;
	proofId: string | null;
	subject: string;
	data: Record<string, unknown>;
	prevHash: string;
};

/** SHA-256 (hex) of the previous hash followed by the event's canonical JSON. */
export function hashEvent(e: ChainedEvent): string {
	const body = canonicalJson({
		workspaceId: e.workspaceId,
		seq: e.seq,
		at: e.at.toISOString(),
		type: e.type,
		actorId: e.actorId,
		actorKind: e.actorKind,
		actorName: e.actorName,
		proofId: e.proofId,
		subject: e.subject,
		data: e.data
	});
	return createHash('sha256').update(e.prevHash).update(body).digest('hex');
}
