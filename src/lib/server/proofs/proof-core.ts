import { DomainError, isDomainError } from '#lib/shared/errors.ts';
import type { Events } from '../events.ts';
import type { Storage } from '../storage/storage.ts';
import { rank } from '#lib/shared/roles.ts';
import type { decisionInput } from '#lib/shared/proofs.ts';
import type { Actor } from '../auth/actor.ts';
import type { Access } from '../access/access.ts';
import type { Repositories, Transact } from '../db/repositories.ts';
import type { AuditActor, AuditService } from '../audit/audit.service.ts';
import type { DecisionRow, ProofRow, ReviewerRow, StageRow } from './proof.repository.ts';
import { currentDecisions, plan } from './workflow.ts';
import { present } from './proof-present.ts';
import type { NotificationService } from '../notifications/notification.service.ts';
import { guestInviteMail } from '../notifications/templates.ts';

export type ProofDeps = {
	repos: Repositories;
	transact: Transact;
	access: Access;
	audit: AuditService;
	notifications: Pick<NotificationService, 'notify' | 'email'>;
	/** Queues a job (the dispatcher): `send-emails` after commits that queued mail. */
	enqueue: (name: string, data: object) => Promise<unknown>;
	publicUrl: string;
	events?: Events;
	/** For guests' files: renders a PDF page on demand, and reads stored files. */
	ensurePage?: (versionId: string, n: number) => Promise<{ key: string; size: number; mime: string } | null>;
	storage?: Storage;
	/** Copies a version's unresolved review threads into the version that replaces it. */
	carryOver?: (fromVersionId: string, toVersionId: string) => Promise<unknown>;
	now: () => Date;
};

const notFound = () => new DomainError('not_found', 'Proof not found.');

/**
 * What the parts of the proof service share (proof.service.ts composes them): the
 * access-checked read, the presented detail, and the engine that records decisions and
 * moves stages on, which members' and guests' decisions both go through.
 */
export function createProofCore(deps: ProofDeps) {
	const { repos, transact, access, audit, notifications, now } = deps;
	const sendMail = () => deps.enqueue('send-emails', {}).catch(() => {});

	/** The proof after the access check; outsiders learn only "not found". */
	async function readable(actor: Actor, proofId: string) {
		const p = await repos.proofs.byId(proofId);
		if (!p) throw notFound();
		try {
			await access.require(actor, 'proof.read', p.workspaceId);
		} catch (e) {
			throw isDomainError(e) && e.code === 'forbidden' ? e : notFound();
		}
		return p;
	}

	/**
	 * Closes and opens stages as the decisions so far require, records each step in the
	 * audit trail, and sets the proof's status. Runs under the proof's row lock.
	 */
	async function advance(tx: Repositories, p: ProofRow, by: AuditActor) {
		const [stages, reviewers, decisions, versions] = await Promise.all([tx.proofs.stages(p.id), tx.proofs.reviewers(p.id), tx.proofs.decisions(p.id), tx.proofs.versions(p.id)]);
		const next = plan(
			stages,
			reviewers,
			decisions,
			versions.filter((v) => v.current).map((v) => v.versionId)
		);
		const at = now();
		const name = new Map(stages.map((s) => [s.id, s.name]));
		for (const c of next.close) {
			await tx.proofs.updateStage(c.stageId, { status: 'closed', outcome: c.outcome, closedAt: at });
			await audit.record(tx, {
				workspaceId: p.workspaceId,
				type: 'stage.closed',
				actor: by,
				proofId: p.id,
				subject: `stage:${c.stageId}`,
				data: { stage: name.get(c.stageId), outcome: c.outcome, round: p.round }
			});
		}
		for (const id of next.open) {
			await tx.proofs.updateStage(id, { status: 'open', openedAt: at, round: p.round });
			await audit.record(tx, { workspaceId: p.workspaceId, type: 'stage.started', actor: by, proofId: p.id, subject: `stage:${id}`, data: { stage: name.get(id), round: p.round } });
			await invite(tx, p, stages.find((s) => s.id === id)!, reviewers.filter((r) => r.stageId === id), by);
		}
		if (next.status !== p.status) {
			await tx.proofs.update(p.id, { status: next.status, closedAt: next.finished ? at : null });
			if (next.finished) {
				await audit.record(tx, { workspaceId: p.workspaceId, type: 'proof.closed', actor: by, proofId: p.id, subject: `proof:${p.id}`, data: { status: next.status, round: p.round } });
				const people = new Set([p.createdBy, ...reviewers.map((r) => r.userId)].filter((u): u is string => !!u && u !== by.id));
				await notifications.notify(
					tx,
					[...people].map((userId) => ({ userId, workspaceId: p.workspaceId, kind: 'proof_closed' as const, sourceKey: `${p.id}:${p.round}`, data: { proofId: p.id, title: p.title, status: next.status } }))
				);
			}
		}
		return next;
	}

	/**
	 * Tells a newly opened stage's reviewers: members in their inbox (and by mail, as they
	 * prefer), guests by an invitation mail whose personal link is made as it is sent.
	 */
	async function invite(tx: Repositories, p: ProofRow, stage: StageRow, people: ReviewerRow[], by: AuditActor) {
		const ws = (await tx.workspaces.byId(p.workspaceId))!;
		// The request comes from whoever asked for the proof, whatever decision opened this stage.
		const creator = p.createdBy ? await tx.users.byId(p.createdBy) : undefined;
		const data = { proofId: p.id, title: p.title, stage: stage.name, dueAt: stage.dueAt?.toISOString() ?? null, by: creator?.name ?? by.name };
		await notifications.notify(
			tx,
			people
				.filter((r) => r.userId && r.userId !== by.id && !r.revokedAt)
				.map((r) => ({ userId: r.userId!, workspaceId: p.workspaceId, kind: 'assigned' as const, sourceKey: `${stage.id}:${p.round}`, data }))
		);
		for (const r of people.filter((x) => x.guest && !x.revokedAt)) {
			await tx.proofs.updateReviewer(r.id, { invitedAt: now() });
			await notifications.email(tx, guestInviteMail({ to: r.email, by: data.by, title: p.title, stage: stage.name, dueAt: data.dueAt, workspace: ws.name }), { template: 'guest_invite', ref: r.id });
			await audit.record(tx, { workspaceId: p.workspaceId, type: 'guest.invited', actor: by, proofId: p.id, subject: `reviewer:${r.id}`, data: { email: r.email, stage: stage.name, round: p.round } });
		}
	}

	type Decider = { by: AuditActor; mine: (r: ReviewerRow) => boolean };
	/**
	 * Records a decision on a version in every open stage the decider reviews, then moves the
	 * workflow on. Decisions on one proof take turns under its row lock, so two reviewers
	 * deciding at once give one consistent outcome; the same decision sent again changes nothing.
	 */
	async function record(who: Decider, proofId: string, body: ReturnType<typeof decisionInput.parse>) {
		const recorded = await transact(async (tx) => {
			const p = (await tx.proofs.lock(proofId))!;
			const [stages, reviewers, decisions, versions] = await Promise.all([tx.proofs.stages(p.id), tx.proofs.reviewers(p.id), tx.proofs.decisions(p.id), tx.proofs.versions(p.id)]);
			const mine = reviewers.filter(who.mine);
			const latestOf = (r: ReviewerRow) => currentDecisions(r.stageId, decisions).find((d) => d.reviewerId === r.id && d.versionId === body.versionId);
			// A repeated submit (a double click, a retried request) changes nothing, even after the stage closed.
			const previous = mine.map(latestOf);
			if (previous.length && previous.every((d) => d && d.decision === body.decision && d.note === body.note)) return previous as DecisionRow[];
			if (p.status === 'approved' || p.status === 'rejected') {
				throw new DomainError('conflict', `This proof was ${p.status} on ${p.closedAt?.toISOString().slice(0, 10)}; its decisions are locked.`);
			}
			const version = versions.find((v) => v.versionId === body.versionId);
			if (!version) throw new DomainError('invalid', 'That version is not part of this proof.', { fields: { versionId: 'not in this proof' } });
			if (!version.current) {
				const now = versions.find((v) => v.assetId === version.assetId && v.current)!;
				throw new DomainError('conflict', `Version ${version.number} of ${version.title} was replaced by version ${now.number}; decide on the current version.`);
			}
			if (!mine.length) throw new DomainError('forbidden', 'You are not a reviewer of this proof.');
			if (mine.every((r) => r.revokedAt)) throw new DomainError('forbidden', 'Your invitation to this proof was withdrawn.');
			const stageOf = new Map(stages.map((s) => [s.id, s]));
			const open = mine.filter((r) => !r.revokedAt && stageOf.get(r.stageId)!.status === 'open');
			if (!open.length) {
				const s = stageOf.get(mine[0]!.stageId)!;
				throw new DomainError(
					'conflict',
					s.status === 'closed' ? `The ${s.name} stage closed on ${s.closedAt?.toISOString().slice(0, 10)}; its decisions are locked.` : `The ${s.name} stage has not started yet.`
				);
			}
			const made: DecisionRow[] = [];
			for (const r of open) {
				const latest = latestOf(r);
				if (latest && latest.decision === body.decision && latest.note === body.note) {
					made.push(latest);
					continue;
				}
				const row = await tx.proofs.insertDecision({
					proofId: p.id,
					stageId: r.stageId,
					reviewerId: r.id,
					versionId: body.versionId,
					round: p.round,
					decision: body.decision,
					note: body.note,
					decidedAt: now()
				});
				made.push(row);
				await audit.record(tx, {
					workspaceId: p.workspaceId,
					type: latest ? 'decision.changed' : 'decision.made',
					actor: who.by,
					proofId: p.id,
					subject: `decision:${row.id}`,
					data: {
						stage: stageOf.get(r.stageId)!.name,
						versionId: body.versionId,
						version: version.number,
						asset: version.title,
						decision: body.decision,
						note: body.note,
						round: p.round,
						...(latest ? { previous: latest.decision } : {})
					}
				});
			}
			if (p.createdBy && p.createdBy !== who.by.id && made.some((d) => !previous.includes(d))) {
				await notifications.notify(tx, [
					{
						userId: p.createdBy,
						workspaceId: p.workspaceId,
						kind: 'decision',
						sourceKey: `${made.at(-1)!.id}`,
						data: { proofId: p.id, title: p.title, stage: stageOf.get(made.at(-1)!.stageId)!.name, decision: body.decision, note: body.note, by: who.by.name, version: version.number }
					}
				]);
			}
			await advance(tx, p, who.by);
			return made;
		});
		await sendMail();
		return recorded;
	}

	/** Who each reviewer email is: a member who may review, or a guest. Viewers cannot review. */
	async function resolveReviewers(workspaceId: string, emails: string[], stage: number) {
		const members = new Map((await repos.workspaces.members(workspaceId)).map((m) => [m.email.toLowerCase(), m]));
		return emails.map((email) => {
			const m = members.get(email);
			if (!m) return { email, name: email.split('@')[0]!, userId: null, guest: true };
			if (rank[m.role] < rank.reviewer) {
				throw new DomainError('invalid', `${m.name} <${email}> is a ${m.role} in this workspace and cannot review; give them the reviewer role first.`, { fields: { [`stages.${stage}.reviewers`]: `${email} cannot review` } });
			}
			return { email, name: m.name, userId: m.userId, guest: false };
		});
	}

	async function detail(p: ProofRow) {
		const [stages, reviewers, decisions, versions, creator, ticks] = await Promise.all([
			repos.proofs.stages(p.id),
			repos.proofs.reviewers(p.id),
			repos.proofs.decisions(p.id),
			repos.proofs.versions(p.id),
			p.createdBy ? repos.users.byId(p.createdBy) : undefined,
			repos.proofs.ticks(p.id)
		]);
		return present(p, stages, reviewers, decisions, versions, creator?.name ?? null, ticks);
	}

	return { sendMail, readable, advance, record, resolveReviewers, detail };
}

export type ProofCore = ReturnType<typeof createProofCore>;
