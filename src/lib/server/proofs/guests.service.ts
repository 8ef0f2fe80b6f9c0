import { z } from 'zod';
import { DomainError } from '#lib/shared/errors.ts';
import { parse } from '#lib/shared/validate.ts';
import { decisionInput, tickInput } from '#lib/shared/proofs.ts';
import type { Actor } from '../auth/actor.ts';
import { auditActor } from '../audit/audit.service.ts';
import { randomToken, sha256Hex } from '../auth/crypto.ts';
import type { ChecklistService } from './checklist.service.ts';
import type { ProofCore, ProofDeps } from './proof-core.ts';
import { presentDecision } from './proof-present.ts';

/** How long a guest's link works: 30 days, or a week past the stage's due date if later. */
const GUEST_LINK_DAYS = 30;

/**
 * Guest reviewers: stage reviewers without an account, who reach their proof through a
 * personal link. Guest-facing methods take the link's token, never an Actor with
 * memberships, so every access check elsewhere refuses a guest.
 */
export function createGuestService(deps: ProofDeps, core: ProofCore, tickFor: ChecklistService['tickFor']) {
	const { repos, transact, access, audit, now } = deps;

	/** A guest reviewer by their link's token, while the link is valid. */
	async function guestByToken(token: string) {
		if (!token.startsWith('g1.')) return null;
		const r = await repos.proofs.reviewerByInvite(sha256Hex(token));
		if (!r || !r.guest || r.revokedAt || !r.inviteExpiresAt || r.inviteExpiresAt <= now()) return null;
		return r;
	}

	/**
	 * What a guest sees through their link: the proof's versions and their own stage,
	 * nothing else of the workspace. An expired or withdrawn link is refused.
	 */
	async function guest(token: string) {
		const r = await guestByToken(token);
		if (!r) throw new DomainError('unauthenticated', 'This review link is not valid: it expired or was withdrawn. Ask the person who sent it for a new one.');
		const p = (await repos.proofs.byId(r.proofId))!;
		const full = await core.detail(p);
		const stage = full.stages.find((x) => x.id === r.stageId)!;
		return {
			reviewer: { id: r.id, name: r.name, email: r.email },
			proof: { id: p.id, title: p.title, status: p.status, round: p.round, versions: full.versions, stage },
			workspaceId: p.workspaceId
		};
	}

	/**
	 * A version of the guest's proof, for their pages: its record and renditions. Any
	 * other version is "not found" to them.
	 */
	async function guestVersion(token: string, versionId: string) {
		const g = await guest(token);
		if (!g.proof.versions.some((v) => v.versionId === versionId)) throw new DomainError('not_found', 'Version not found.');
		const version = (await repos.assets.versionById(versionId))!;
		const asset = (await repos.assets.assetById(version.assetId))!;
		return { guest: g, asset, version, renditions: await repos.assets.renditions(versionId) };
	}

	return {
		/** A guest's personal link, made as their invitation is sent; null once it is no longer wanted. */
		async guestLink(reviewerId: string): Promise<string | null> {
			const r = await repos.proofs.reviewerById(reviewerId);
			if (!r || !r.guest || r.revokedAt) return null;
			const [stage, p] = await Promise.all([repos.proofs.stageById(r.stageId), repos.proofs.byId(r.proofId)]);
			if (!stage || !p || stage.status !== 'open' || p.status === 'approved' || p.status === 'rejected') return null;
			const token = `g1.${randomToken(32)}`;
			const at = now().getTime();
			const expires = Math.max(at + GUEST_LINK_DAYS * 86_400_000, (stage.dueAt?.getTime() ?? 0) + 7 * 86_400_000);
			await repos.proofs.updateReviewer(r.id, { inviteHash: sha256Hex(token), inviteExpiresAt: new Date(expires) });
			return `${deps.publicUrl}/g/${token}`;
		},

		guest,
		guestVersion,

		/** A file of a version of the guest's proof: a rendition by name, `original`, or `page-<n>` of a PDF. */
		async guestFile(token: string, versionId: string, name: string) {
			const { version: v, renditions } = await guestVersion(token, versionId);
			const base = v.originalName.replace(/\.[^.]+$/, '');
			const page = /^page-(\d{1,5})$/.exec(name);
			if (page) {
				const r = v.kind === 'pdf' && v.status === 'ready' ? await deps.ensurePage?.(v.id, Number(page[1])) : null;
				if (!r) throw new DomainError('not_found', 'Page not found.');
				return { size: r.size, mime: r.mime, name: `${base}-${name}.webp`, open: (range?: { start: number; end: number }) => deps.storage!.get(r.key, range) };
			}
			if (name === 'original') return { size: v.size, mime: v.mime, name: v.originalName, open: (range?: { start: number; end: number }) => deps.storage!.get(v.fileKey, range) };
			const r = renditions.find((x) => x.name === name);
			if (!r) throw new DomainError('not_found', 'File not found.');
			return { size: r.size, mime: r.mime, name: `${base}-${r.name}.${r.key.split('.').pop()}`, open: (range?: { start: number; end: number }) => deps.storage!.get(r.key, range) };
		},

		async guestTick(token: string, input: unknown) {
			const r = await guestByToken(token);
			if (!r) throw new DomainError('unauthenticated', 'This review link is not valid.');
			await tickFor((x) => x.id === r.id, r.proofId, parse(tickInput, input));
			return (await guest(token)).proof;
		},

		/** A guest gives the name others see on their marks and decisions. */
		async renameGuest(token: string, input: unknown) {
			const r = await guestByToken(token);
			if (!r) throw new DomainError('unauthenticated', 'This review link is not valid.');
			const { name } = parse(z.object({ name: z.string().trim().min(1, 'Give your name.').max(80) }), input);
			await repos.proofs.updateReviewer(r.id, { name });
			return { name };
		},

		/** A guest's decision, on their own stage only. */
		async guestDecide(token: string, input: unknown) {
			const body = parse(decisionInput, input);
			const r = await guestByToken(token);
			if (!r) throw new DomainError('unauthenticated', 'This review link is not valid: it expired or was withdrawn.');
			const recorded = await core.record({ by: { id: r.id, kind: 'guest', name: r.name }, mine: (x) => x.id === r.id }, r.proofId, body);
			return { decisions: recorded.map(presentDecision), proof: (await guest(token)).proof };
		},

		/** Withdraws a guest's link at once: their open connections are closed too. */
		async revokeGuest(actor: Actor, proofId: string, reviewerId: string) {
			const p = await core.readable(actor, proofId);
			const role = await access.require(actor, 'proof.read', p.workspaceId);
			if (p.createdBy !== actor.user.id && !access.can(role, 'proof.manage')) throw new DomainError('forbidden', 'Only the proof’s creator or a manager can withdraw an invitation.');
			const r = await repos.proofs.reviewerById(reviewerId);
			if (!r || r.proofId !== p.id || !r.guest) throw new DomainError('not_found', 'No such guest on this proof.');
			if (r.revokedAt) return { revoked: true };
			await transact(async (tx) => {
				await tx.proofs.updateReviewer(r.id, { revokedAt: now(), inviteHash: null });
				await audit.record(tx, { workspaceId: p.workspaceId, type: 'guest.revoked', actor: auditActor(actor), proofId: p.id, subject: `reviewer:${r.id}`, data: { email: r.email } });
			});
			await deps.events?.emit('guest.revoked', { reviewerId: r.id });
			return { revoked: true };
		}
	};
}
