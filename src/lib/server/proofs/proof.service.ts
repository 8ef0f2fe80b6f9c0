import { z } from 'zod';
import { DomainError, isDomainError } from '#lib/shared/errors.ts';
import type { Events } from '../events.ts';
import type { Storage } from '../storage/storage.ts';
import { rank } from '#lib/shared/roles.ts';
import { parse } from '#lib/shared/validate.ts';
import { decisionInput, proofInput, proofListQuery, templateInput, tickInput, type Decision } from '#lib/shared/proofs.ts';
import type { Actor } from '../auth/actor.ts';
import type { Access } from '../access/access.ts';
import type { Repositories, Transact } from '../db/repositories.ts';
import { auditActor, SYSTEM, type AuditActor, type AuditService } from '../audit/audit.service.ts';
import type { DecisionRow, ProofRow, ReviewerRow, StageRow } from './proof.repository.ts';
import { currentDecisions, plan } from './workflow.ts';
import type { NotificationService } from '../notifications/notification.service.ts';
import { guestInviteMail } from '../notifications/templates.ts';
import { randomToken, sha256Hex } from '../auth/crypto.ts';

/** How long a guest's link works: 30 days, or a week past the stage's due date if later. */
const GUEST_LINK_DAYS = 30;

const notFound = () => new DomainError('not_found', 'Proof not found.');

export function createProofService(deps: {
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
}) {
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

	/** A guest reviewer by their link's token, while the link is valid. */
	async function guestByToken(token: string) {
		if (!token.startsWith('g1.')) return null;
		const r = await repos.proofs.reviewerByInvite(sha256Hex(token));
		if (!r || !r.guest || r.revokedAt || !r.inviteExpiresAt || r.inviteExpiresAt <= now()) return null;
		return r;
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

	async function tickFor(mine: (r: ReviewerRow) => boolean, proofId: string, body: { stageId: string; item: number; checked: boolean }) {
		const [stage, reviewers] = await Promise.all([repos.proofs.stageById(body.stageId), repos.proofs.reviewers(proofId)]);
		if (!stage || stage.proofId !== proofId) throw new DomainError('not_found', 'Stage not found.');
		const me = reviewers.find((r) => r.stageId === stage.id && mine(r) && !r.revokedAt);
		if (!me) throw new DomainError('forbidden', `You are not a reviewer of the ${stage.name} stage.`);
		if (stage.status !== 'open') throw new DomainError('conflict', `The ${stage.name} stage is not open.`);
		if (body.item >= stage.checklist.length) throw new DomainError('invalid', 'No such checklist item.', { fields: { item: 'out of range' } });
		if (body.checked) await repos.proofs.tick({ stageId: stage.id, reviewerId: me.id, item: body.item, tickedAt: now() });
		else await repos.proofs.untick(stage.id, me.id, body.item);
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

	return {
		async create(actor: Actor, input: unknown) {
			const body = parse(proofInput, input);
			const found = await Promise.all(body.versionIds.map((id) => repos.assets.versionById(id)));
			const versions = found.map((v, i) => {
				if (!v) throw new DomainError('not_found', `Version ${body.versionIds[i]} not found.`, { fields: { versionIds: body.versionIds[i]! } });
				return v;
			});
			const workspaceId = versions[0]!.workspaceId;
			if (versions.some((v) => v.workspaceId !== workspaceId)) throw new DomainError('invalid', 'All versions of a proof belong to one workspace.');
			if (new Set(versions.map((v) => v.assetId)).size !== versions.length) throw new DomainError('invalid', 'A proof holds one version of each asset.');
			try {
				await access.require(actor, 'proof.create', workspaceId);
			} catch (e) {
				throw isDomainError(e) && e.code === 'forbidden' ? e : new DomainError('not_found', 'Version not found.');
			}
			const assets = await Promise.all(versions.map((v) => repos.assets.assetById(v.assetId)));
			if (assets.some((a) => !a || a.deletedAt)) throw new DomainError('invalid', 'One of these assets is in the trash.');
			let stageList = body.stages;
			if (!stageList) {
				const t = await repos.proofs.templateById(body.templateId!);
				if (!t || t.workspaceId !== workspaceId) throw new DomainError('not_found', 'Template not found.', { fields: { templateId: 'not in this workspace' } });
				stageList = parse(templateInput, { name: t.name, stages: t.stages }).stages;
			}
			const stages = await Promise.all(stageList.map(async (s, i) => ({ ...s, people: await resolveReviewers(workspaceId, s.reviewers, i) })));
			const title = body.title ?? (assets.length === 1 ? assets[0]!.title : `${assets[0]!.title} and ${assets.length - 1} more`);
			const by = auditActor(actor);

			const created = await transact(async (tx) => {
				const p = await tx.proofs.insert({ workspaceId, title, status: 'in_review', round: 1, createdBy: actor.user.id, createdAt: now() });
				await tx.proofs.insertVersions(versions.map((v) => ({ proofId: p.id, versionId: v.id, assetId: v.assetId, round: 1, current: true })));
				for (const [position, s] of stages.entries()) {
					const stage = await tx.proofs.insertStage({
						proofId: p.id,
						position,
						name: s.name,
						rule: s.rule,
						quorum: s.rule === 'quorum' ? (s.quorum ?? null) : null,
						start: position === 0 ? 'after_previous' : s.start,
						dueAt: s.dueAt ? new Date(s.dueAt) : null,
						checklist: s.checklist,
						status: 'waiting'
					});
					const keeper = s.rule === 'gatekeeper' ? (s.gatekeeper ?? s.people[0]!.email) : null;
					await tx.proofs.insertReviewers(s.people.map((r) => ({ ...r, stageId: stage.id, proofId: p.id, gatekeeper: r.email === keeper })));
				}
				await audit.record(tx, {
					workspaceId,
					type: 'proof.created',
					actor: by,
					proofId: p.id,
					subject: `proof:${p.id}`,
					data: {
						title,
						versions: versions.map((v) => ({ id: v.id, assetId: v.assetId, number: v.number })),
						stages: stages.map((s) => ({ name: s.name, rule: s.rule, quorum: s.quorum ?? null, reviewers: s.reviewers, dueAt: s.dueAt ?? null, start: s.start }))
					}
				});
				await advance(tx, p, by);
				return p;
			});
			await sendMail();
			return detail((await repos.proofs.byId(created.id))!);
		},

		async get(actor: Actor, proofId: string) {
			return detail(await readable(actor, proofId));
		},

		async list(actor: Actor, query: unknown) {
			const q = parse(proofListQuery, query);
			let workspaceIds = (await repos.workspaces.forUser(actor.user.id)).map((w) => w.id);
			if (q.workspace) {
				const ws = workspaceIds.includes(q.workspace) ? q.workspace : (await repos.workspaces.bySlug(q.workspace.toLowerCase()))?.id;
				if (!ws || !workspaceIds.includes(ws)) throw new DomainError('not_found', 'Workspace not found.');
				workspaceIds = [ws];
			}
			const rows = await repos.proofs.list({ workspaceIds, status: q.status, assignedTo: q.assignedTo === 'me' ? actor.user.id : undefined, limit: q.limit });
			return Promise.all(rows.map(detail));
		},

		/**
		 * Records the actor's decision on a version, in every open stage they review, then
		 * moves the workflow on. Decisions on one proof take turns under its row lock, so two
		 * reviewers deciding at once give one consistent outcome; sending the same decision
		 * again changes nothing.
		 */
		/** The workspace's proof templates (reusable stages). */
		async templates(actor: Actor, workspaceId: string) {
			await access.require(actor, 'proof.read', workspaceId);
			return (await repos.proofs.templates(workspaceId)).map(presentTemplate);
		},
		async createTemplate(actor: Actor, workspaceId: string, input: unknown) {
			await access.require(actor, 'proof.manage', workspaceId);
			const body = parse(templateInput, input);
			for (const [i, st] of body.stages.entries()) await resolveReviewers(workspaceId, st.reviewers, i);
			const row = await repos.proofs.insertTemplate({ workspaceId, name: body.name, stages: body.stages, createdBy: actor.user.id });
			if (!row) throw new DomainError('conflict', `A template called “${body.name}” exists already.`, { fields: { name: 'taken' } });
			return presentTemplate(row);
		},
		async deleteTemplate(actor: Actor, templateId: string) {
			const t = await repos.proofs.templateById(templateId);
			if (!t) throw new DomainError('not_found', 'Template not found.');
			await access.require(actor, 'proof.manage', t.workspaceId);
			await repos.proofs.deleteTemplate(t.id);
		},

		/** Ticks or unticks an item of the checklist of an open stage the actor reviews. */
		async tick(actor: Actor, proofId: string, input: unknown) {
			const p = await readable(actor, proofId);
			await access.require(actor, 'proof.decide', p.workspaceId);
			await tickFor((r) => r.userId === actor.user.id, p.id, parse(tickInput, input));
			return detail((await repos.proofs.byId(p.id))!);
		},

		/** A member's decision (see `record`). */
		async decide(actor: Actor, proofId: string, input: unknown) {
			const body = parse(decisionInput, input);
			const p0 = await readable(actor, proofId);
			await access.require(actor, 'proof.decide', p0.workspaceId);
			const recorded = await record({ by: auditActor(actor), mine: (r) => r.userId === actor.user.id }, proofId, body);
			const proof = await detail((await repos.proofs.byId(proofId))!);
			return { decisions: recorded.map(presentDecision), proof };
		},

		/**
		 * A new version of an asset under review opens the next round of each open proof
		 * that holds the asset: the new version replaces the old one, and the stages that
		 * asked for changes open again for it.
		 */
		async newVersion(actor: Actor | null, assetId: string, versionId: string) {
			const ids = await repos.proofs.openWithAsset(assetId);
			const by = actor ? auditActor(actor) : SYSTEM;
			const replaced = new Set<string>();
			for (const { id } of ids) {
				await transact(async (tx) => {
					const p = (await tx.proofs.lock(id))!;
					if (p.status !== 'in_review' && p.status !== 'changes_required') return;
					const versions = await tx.proofs.versions(p.id);
					if (versions.some((v) => v.versionId === versionId)) return;
					const old = versions.find((v) => v.assetId === assetId && v.current);
					if (old) replaced.add(old.versionId);
					const round = p.round + 1;
					await tx.proofs.setCurrentVersion(p.id, assetId, versionId, round);
					const reopened: StageRow[] = [];
					for (const s of await tx.proofs.stages(p.id)) {
						if (s.status === 'closed' && s.outcome === 'changes_required') {
							await tx.proofs.updateStage(s.id, { status: 'open', outcome: null, closedAt: null, openedAt: now(), round });
							reopened.push(s);
						}
					}
					await tx.proofs.update(p.id, { round, status: 'in_review' });
					await audit.record(tx, {
						workspaceId: p.workspaceId,
						type: 'proof.round_opened',
						actor: by,
						proofId: p.id,
						subject: `proof:${p.id}`,
						data: { round, assetId, versionId, replaces: old?.versionId ?? null, stages: reopened.map((s) => s.name) }
					});
					await advance(tx, { ...p, round, status: 'in_review' }, by);
				});
			}
			for (const old of replaced) await deps.carryOver?.(old, versionId);
			if (ids.length) await sendMail();
			return ids.length;
		},

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

		/**
		 * What a guest sees through their link: the proof's versions and their own stage,
		 * nothing else of the workspace. An expired or withdrawn link is refused.
		 */
		async guest(token: string) {
			const r = await guestByToken(token);
			if (!r) throw new DomainError('unauthenticated', 'This review link is not valid: it expired or was withdrawn. Ask the person who sent it for a new one.');
			const p = (await repos.proofs.byId(r.proofId))!;
			const full = await detail(p);
			const stage = full.stages.find((x) => x.id === r.stageId)!;
			return {
				reviewer: { id: r.id, name: r.name, email: r.email },
				proof: { id: p.id, title: p.title, status: p.status, round: p.round, versions: full.versions, stage },
				workspaceId: p.workspaceId
			};
		},

		/**
		 * A version of the guest's proof, for their pages: its record and renditions. Any
		 * other version is "not found" to them.
		 */
		async guestVersion(token: string, versionId: string) {
			const g = await this.guest(token);
			if (!g.proof.versions.some((v) => v.versionId === versionId)) throw new DomainError('not_found', 'Version not found.');
			const version = (await repos.assets.versionById(versionId))!;
			const asset = (await repos.assets.assetById(version.assetId))!;
			return { guest: g, asset, version, renditions: await repos.assets.renditions(versionId) };
		},

		/** A file of a version of the guest's proof: a rendition by name, `original`, or `page-<n>` of a PDF. */
		async guestFile(token: string, versionId: string, name: string) {
			const { version: v, renditions } = await this.guestVersion(token, versionId);
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
			return (await this.guest(token)).proof;
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
			const recorded = await record({ by: { id: r.id, kind: 'guest', name: r.name }, mine: (x) => x.id === r.id }, r.proofId, body);
			return { decisions: recorded.map(presentDecision), proof: (await this.guest(token)).proof };
		},

		/** Withdraws a guest's link at once: their open connections are closed too. */
		async revokeGuest(actor: Actor, proofId: string, reviewerId: string) {
			const p = await readable(actor, proofId);
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
		},

		/**
		 * The `proof-reminders` job: a day before a stage is due, its reviewers who have not
		 * decided hear about it; once it is overdue, they and the proof's creator do. Each
		 * reminder goes out once per stage.
		 */
		async sendReminders() {
			const at = now();
			let sent = 0;
			for (const kind of ['soon', 'overdue'] as const) {
				const until = kind === 'soon' ? new Date(at.getTime() + 86_400_000) : at;
				for (const { stage, proof: p } of await repos.proofs.dueStages(until, kind)) {
					await transact(async (tx) => {
						const [reviewers, decisions, versions] = await Promise.all([tx.proofs.reviewers(p.id), tx.proofs.decisions(p.id), tx.proofs.versions(p.id)]);
						const current = currentDecisions(stage.id, decisions);
						const pending = reviewers.filter(
							(r) => r.stageId === stage.id && !r.revokedAt && versions.some((v) => v.current && !current.some((d) => d.reviewerId === r.id && d.versionId === v.versionId))
						);
						const people = new Set(pending.map((r) => r.userId).filter((u): u is string => !!u));
						if (kind === 'overdue' && p.createdBy) people.add(p.createdBy);
						const data = { proofId: p.id, title: p.title, stage: stage.name, dueAt: stage.dueAt!.toISOString() };
						const rows = [...people].map((userId) => ({ userId, workspaceId: p.workspaceId, kind: kind === 'soon' ? ('due_soon' as const) : ('overdue' as const), sourceKey: `${stage.id}:${data.dueAt}`, data }));
						sent += (await notifications.notify(tx, rows)).length;
						await tx.proofs.updateStage(stage.id, kind === 'soon' ? { remindedSoonAt: at } : { remindedOverdueAt: at, remindedSoonAt: stage.remindedSoonAt ?? at });
					});
				}
			}
			if (sent) await sendMail();
			return { sent };
		}
	};
}

function presentTemplate(t: { id: string; workspaceId: string; name: string; stages: unknown[]; createdAt: Date }) {
	return { id: t.id, workspaceId: t.workspaceId, name: t.name, stages: t.stages as Record<string, unknown>[], createdAt: t.createdAt.toISOString() };
}

function presentDecision(d: DecisionRow) {
	return { id: d.id, stageId: d.stageId, reviewerId: d.reviewerId, versionId: d.versionId, round: d.round, decision: d.decision as Decision, note: d.note, decidedAt: d.decidedAt.toISOString() };
}

type VersionInfo = Awaited<ReturnType<Repositories['proofs']['versions']>>[number];

function present(p: ProofRow, stages: StageRow[], reviewers: ReviewerRow[], decisions: DecisionRow[], versions: VersionInfo[], createdByName: string | null, ticks: { stageId: string; reviewerId: string; item: number }[] = []) {
	return {
		id: p.id,
		workspaceId: p.workspaceId,
		title: p.title,
		status: p.status,
		round: p.round,
		createdBy: p.createdBy,
		createdByName,
		createdAt: p.createdAt.toISOString(),
		closedAt: p.closedAt?.toISOString() ?? null,
		versions: versions.map((v) => ({ versionId: v.versionId, assetId: v.assetId, title: v.title, number: v.number, kind: v.kind, round: v.round, current: v.current })),
		stages: stages.map((s) => {
			const current = currentDecisions(s.id, decisions);
			return {
				id: s.id,
				position: s.position,
				name: s.name,
				rule: s.rule,
				quorum: s.quorum,
				start: s.start,
				dueAt: s.dueAt?.toISOString() ?? null,
				status: s.status,
				outcome: s.outcome,
				round: s.round,
				openedAt: s.openedAt?.toISOString() ?? null,
				closedAt: s.closedAt?.toISOString() ?? null,
				checklist: s.checklist,
				reviewers: reviewers
					.filter((r) => r.stageId === s.id)
					.map((r) => ({
						id: r.id,
						userId: r.userId,
						email: r.email,
						name: r.name,
						guest: r.guest,
						gatekeeper: r.gatekeeper,
						ticked: ticks
							.filter((t) => t.reviewerId === r.id)
							.map((t) => t.item)
							.sort((a, b) => a - b),
						decisions: current.filter((d) => d.reviewerId === r.id).map((d) => ({ versionId: d.versionId, decision: d.decision as Decision, note: d.note, decidedAt: d.decidedAt.toISOString() }))
					}))
			};
		}),
		decisions: decisions.map(presentDecision)
	};
}

export type ProofService = ReturnType<typeof createProofService>;
export type ProofDetail = ReturnType<typeof present>;
