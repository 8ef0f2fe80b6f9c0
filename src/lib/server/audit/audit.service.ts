import { DomainError } from '#lib/shared/errors.ts';
import { parse } from '#lib/shared/validate.ts';
import { isUuid } from '#lib/shared/schemas.ts';
import { auditQuery } from '#lib/shared/proofs.ts';
import type { Actor } from '../auth/actor.ts';
import type { Access } from '../access/access.ts';
import type { Repositories, Transact } from '../db/repositories.ts';
import type { AuditActorKind } from '../db/schema/audit.ts';
import type { AuditRow } from './audit.repository.ts';
import { GENESIS, hashEvent } from './canonical.ts';

export type AuditActor = { id: string | null; kind: AuditActorKind; name: string };
export const auditActor = (a: Actor): AuditActor => ({ id: a.user.id, kind: 'user', name: a.user.name });
export const SYSTEM: AuditActor = { id: null, kind: 'system', name: 'Loupe' };

export type AuditInput = { workspaceId: string; type: string; actor: AuditActor; proofId?: string | null; subject: string; data?: Record<string, unknown> };

export type Broken = { workspaceId: string; seq: number; type?: string; at?: Date; reason: string };
export type VerifyReport = { ok: boolean; workspaces: number; events: number; broken: Broken | null };

/** The events a workspace feed can be narrowed to, by family. */
export const auditTypes = [
	'proof.created',
	'proof.closed',
	'proof.round_opened',
	'stage.started',
	'stage.closed',
	'decision.made',
	'decision.changed',
	'guest.invited',
	'guest.revoked',
	'version.uploaded',
	'thread.resolved',
	'member.added',
	'member.role_changed',
	'member.removed',
	'original.downloaded',
	'brief.created',
	'brief.updated',
	'brief.status_changed',
	'brief.signed_off',
	'brief.approval_requested',
	'brand.updated'
] as const;

export function createAuditService(deps: { repos: Repositories; transact: Transact; access: Access; now: () => Date }) {
	const { repos, access } = deps;

	/**
	 * Appends an event with the repositories of the caller's transaction, so the event
	 * commits with the change it records, or not at all.
	 */
	const record = (tx: Repositories, e: AuditInput) =>
			tx.audit.append({
				workspaceId: e.workspaceId,
				at: deps.now(),
				type: e.type,
				actorId: e.actor.id,
				actorKind: e.actor.kind,
				actorName: e.actor.name,
				proofId: e.proofId ?? null,
				subject: e.subject,
				data: e.data ?? {}
			});

	return {
		record,
		/** An event that is the whole change (a download, say): its own transaction. */
		log: (e: AuditInput) => deps.transact((tx) => record(tx, e)),

		/**
		 * A page of a workspace's trail, newest first. A proof's own events are visible to
		 * whoever may read the proof; the whole workspace's trail to managers and admins.
		 */
		async list(actor: Actor, q: { workspaceId?: string; proofId?: string; briefId?: string; types?: string[]; actorId?: string; cursor?: string; limit?: number }) {
			let workspaceId = q.workspaceId;
			let subject: string | undefined;
			if (q.briefId) {
				// A brief's history is for whoever may read the brief, like a proof's.
				const b = await repos.briefs.byId(q.briefId);
				if (!b || (workspaceId && b.workspaceId !== workspaceId)) throw new DomainError('not_found', 'Brief not found.');
				workspaceId = b.workspaceId;
				await access.require(actor, 'brief.read', workspaceId);
				subject = `brief:${b.id}`;
			} else if (q.proofId) {
				const proof = await repos.proofs.byId(q.proofId);
				if (!proof || (workspaceId && proof.workspaceId !== workspaceId)) throw new DomainError('not_found', 'Proof not found.');
				workspaceId = proof.workspaceId;
				await access.require(actor, 'proof.read', workspaceId);
			} else {
				if (!workspaceId) throw new DomainError('invalid', 'Name a workspace or a proof.');
				await access.require(actor, 'audit.read', workspaceId);
			}
			const before = q.cursor === undefined ? undefined : Number(q.cursor);
			if (before !== undefined && !(Number.isInteger(before) && before > 0)) throw new DomainError('invalid', 'That cursor is not one this API gave out.');
			const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
			const rows = await repos.audit.list({ workspaceId, proofId: q.proofId, subject, types: q.types, actorId: q.actorId, before, limit: limit + 1 });
			const items = rows.slice(0, limit);
			return { workspaceId, items, nextCursor: rows.length > limit ? String(items.at(-1)!.seq) : null };
		},

		/** `GET /api/v1/audit`: a proof's events, or a workspace's (by id or slug; the only one by default). */
		async query(actor: Actor, raw: unknown) {
			const q = parse(auditQuery, raw);
			let workspaceId: string | undefined;
			if (q.workspace) {
				workspaceId = isUuid(q.workspace) ? q.workspace : (await repos.workspaces.bySlug(q.workspace.toLowerCase()))?.id;
				if (!workspaceId) throw new DomainError('not_found', 'Workspace not found.');
			} else if (!q.proofId && !q.briefId) {
				const mine = await repos.workspaces.forUser(actor.user.id);
				if (mine.length !== 1) throw new DomainError('invalid', mine.length ? 'You belong to several workspaces: pass workspace or proofId.' : 'You are not a member of any workspace.');
				workspaceId = mine[0]!.id;
			}
			const types = q.type?.split(',').map((t) => t.trim()).filter(Boolean);
			return this.list(actor, { workspaceId, proofId: q.proofId, briefId: q.briefId, types, actorId: q.actorId, cursor: q.cursor, limit: q.limit });
		},

		/**
		 * Walks every chain (or one workspace's) in order and recomputes each hash, in batches
		 * so memory stays flat however long the trail. Names the first broken event: a row
		 * whose content changed, a missing or reordered row, or a chain whose end was cut off.
		 */
		async verify(opts: { workspaceId?: string; batch?: number; onProgress?: (events: number) => void } = {}): Promise<VerifyReport> {
			const batch = opts.batch ?? 5000;
			const ids = opts.workspaceId ? [opts.workspaceId] : await repos.audit.workspaces();
			let events = 0;
			for (const workspaceId of ids) {
				let prev: Pick<AuditRow, 'seq' | 'hash'> = { seq: 0, hash: GENESIS };
				for (;;) {
					const rows = await repos.audit.chain(workspaceId, prev.seq, batch);
					for (const row of rows) {
						const at = { workspaceId, seq: row.seq, type: row.type, at: row.at };
						if (row.seq !== prev.seq + 1) return fail(events, ids.length, { ...at, seq: prev.seq + 1, reason: `event #${prev.seq + 1} is missing (the next one stored is #${row.seq})` });
						if (row.prevHash !== prev.hash) return fail(events, ids.length, { ...at, reason: 'it does not follow the event before it (its previous hash differs): a row was removed, inserted or reordered' });
						if (hashEvent(row) !== row.hash) return fail(events, ids.length, { ...at, reason: 'its content does not match its hash: the row was changed' });
						prev = row;
						events++;
					}
					opts.onProgress?.(events);
					if (rows.length < batch) break;
				}
				const head = await repos.audit.head(workspaceId);
				if (!head && prev.seq > 0) return fail(events, ids.length, { workspaceId, seq: prev.seq, reason: 'the chain has no head record: it was removed' });
				if (head && (head.seq !== prev.seq || head.hash !== prev.hash)) {
					return fail(events, ids.length, { workspaceId, seq: Math.min(head.seq, prev.seq + 1), reason: `the chain ends at #${prev.seq} but its head records #${head.seq}: events were removed from the end` });
				}
			}
			return { ok: true, workspaces: ids.length, events, broken: null };
		}
	};
}

const fail = (events: number, workspaces: number, broken: Broken): VerifyReport => ({ ok: false, workspaces, events, broken });

export type AuditService = ReturnType<typeof createAuditService>;
