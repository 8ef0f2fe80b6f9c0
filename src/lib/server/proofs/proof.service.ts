import { DomainError, isDomainError } from '#lib/shared/errors.ts';
import { parse } from '#lib/shared/validate.ts';
import { decisionInput, proofInput, proofListQuery, templateInput } from '#lib/shared/proofs.ts';
import type { Actor } from '../auth/actor.ts';
import { auditActor, SYSTEM } from '../audit/audit.service.ts';
import type { StageRow } from './proof.repository.ts';
import { currentDecisions } from './workflow.ts';
import { createProofCore, type ProofDeps } from './proof-core.ts';
import { presentDecision } from './proof-present.ts';
import { createChecklistService } from './checklist.service.ts';
import { createTemplateService } from './templates.service.ts';
import { createGuestService } from './guests.service.ts';

/**
 * Proofs: creating them, members' decisions, new rounds and reminders. Templates,
 * checklists and guest reviewers live in their own files; this composes the one service
 * the rest of the app calls (`services().proofs`).
 */
export function createProofService(deps: ProofDeps) {
	const { repos, transact, access, audit, notifications, now } = deps;
	const core = createProofCore(deps);
	const { sendMail, readable, advance, record, resolveReviewers, detail } = core;
	const checklist = createChecklistService(deps, core);

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
						dueAt: s.dueAt ? new Date(s.dueAt) : s.dueInDays !== undefined ? new Date(now().getTime() + s.dueInDays * 86_400_000) : null,
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

		...createTemplateService(deps, core),

		tick: checklist.tick,

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

		...createGuestService(deps, core, checklist.tickFor),

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

export type ProofService = ReturnType<typeof createProofService>;
export type { ProofDetail } from './proof-present.ts';
