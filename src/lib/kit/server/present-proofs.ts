import type { AuditRow } from '#lib/server/audit/audit.repository.ts';

export const auditEventJson = (e: AuditRow) => ({
	workspaceId: e.workspaceId,
	seq: e.seq,
	at: e.at.toISOString(),
	type: e.type,
	actor: { id: e.actorId, kind: e.actorKind, name: e.actorName },
	proofId: e.proofId,
	subject: e.subject,
	data: e.data,
	prevHash: e.prevHash,
	hash: e.hash
});
