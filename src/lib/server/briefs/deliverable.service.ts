import { DomainError } from '#lib/shared/errors.ts';
import { parse } from '#lib/shared/validate.ts';
import { deliverableInput, deliverableUpdate, legalCategoryInput } from '#lib/shared/briefs.ts';
import type { Actor } from '../auth/actor.ts';
import { auditActor } from '../audit/audit.service.ts';
import type { ProofService } from '../proofs/proof.service.ts';
import type { BriefDeps, BriefService } from './brief.service.ts';

/**
 * Deliverables of a brief (each collects its drafts as the versions of one library asset and
 * goes to approval as a proof) and the workspace's legal categories.
 */
export function createDeliverableService(deps: BriefDeps & { briefs: BriefService; proofs: Pick<ProofService, 'create' | 'templates'> }) {
	const { repos, access, briefs, now } = deps;

	async function editable(actor: Actor, deliverableId: string) {
		const d = await repos.briefs.deliverableById(deliverableId);
		if (!d) throw new DomainError('not_found', 'Deliverable not found.');
		const { brief, role } = await briefs.readable(actor, d.briefId).catch((e: unknown) => {
			throw e instanceof DomainError && e.code === 'not_found' ? new DomainError('not_found', 'Deliverable not found.') : e;
		});
		await access.require(actor, 'brief.create', brief.workspaceId);
		if (brief.status === 'closed' || brief.status === 'cancelled') throw new DomainError('conflict', `The brief is ${brief.status}; its deliverables can no longer change.`);
		return { d, brief, role };
	}

	async function assetIn(workspaceId: string, assetId: string | null | undefined) {
		if (!assetId) return;
		const a = await repos.assets.assetById(assetId);
		if (!a || a.workspaceId !== workspaceId || a.deletedAt) throw new DomainError('invalid', 'assetId: not an asset of this workspace.', { fields: { assetId: 'Unknown asset.' } });
	}

	return {
		async add(actor: Actor, briefId: string, input: unknown) {
			const { brief } = await briefs.readable(actor, briefId);
			await access.require(actor, 'brief.create', brief.workspaceId);
			if (brief.status === 'closed' || brief.status === 'cancelled') throw new DomainError('conflict', `The brief is ${brief.status}; it takes no new deliverables.`);
			const body = parse(deliverableInput, input);
			await briefs.members(brief.workspaceId, [body.ownerId], 'ownerId');
			await repos.briefs.insertDeliverable({ briefId: brief.id, name: body.name, channel: body.channel, spec: body.spec, dueAt: body.dueAt ?? null, ownerId: body.ownerId ?? null });
			await repos.briefs.update(brief.id, { updatedAt: now() });
			return briefs.detail((await repos.briefs.byId(brief.id))!);
		},

		async update(actor: Actor, deliverableId: string, input: unknown) {
			const { d, brief } = await editable(actor, deliverableId);
			const body = parse(deliverableUpdate.extend({ assetId: deliverableInput.shape.ownerId }), input);
			await briefs.members(brief.workspaceId, [body.ownerId], 'ownerId');
			await assetIn(brief.workspaceId, body.assetId);
			await repos.briefs.updateDeliverable(d.id, body);
			return briefs.detail((await repos.briefs.update(brief.id, { updatedAt: now() }))!);
		},

		async remove(actor: Actor, deliverableId: string) {
			const { d, brief } = await editable(actor, deliverableId);
			if (d.proofId) throw new DomainError('conflict', 'This deliverable went to approval; it stays on the brief for the record.');
			await repos.briefs.deleteDeliverable(d.id);
			return briefs.detail((await repos.briefs.update(brief.id, { updatedAt: now() }))!);
		},

		/**
		 * A proof of the deliverable's latest draft, with the stages of its brief's legal
		 * category's proof template (or the workspace's only template when the category names none).
		 */
		async requestApproval(actor: Actor, deliverableId: string) {
			const { d, brief } = await editable(actor, deliverableId);
			if (!d.assetId) throw new DomainError('conflict', 'Add a draft to this deliverable before requesting approval.');
			if (brief.status !== 'approved' && brief.status !== 'in_production') throw new DomainError('conflict', 'Deliverables go to approval once their brief is approved.');
			const versions = await repos.assets.versions(d.assetId);
			const latest = versions[0]?.version;
			if (!latest) throw new DomainError('conflict', 'The draft has no version yet.');
			const category = brief.legalCategory ? await repos.briefs.categoryByName(brief.workspaceId, brief.legalCategory) : undefined;
			let templateId = category?.proofTemplateId ?? null;
			if (!templateId) {
				const all = await deps.proofs.templates(actor, brief.workspaceId);
				if (all.length !== 1) {
					throw new DomainError('invalid', brief.legalCategory ? `Choose a proof template for the legal category “${brief.legalCategory}” first.` : 'Choose a legal category for the brief, or keep exactly one proof template, so the proof knows its stages.');
				}
				templateId = all[0]!.id;
			}
			const proof = await deps.proofs.create(actor, { versionIds: [latest.id], title: `${brief.title}: ${d.name}`, templateId });
			const row = await deps.transact(async (tx) => {
				await tx.briefs.updateDeliverable(d.id, { proofId: proof.id });
				await deps.audit.record(tx, { workspaceId: brief.workspaceId, type: 'brief.approval_requested', actor: auditActor(actor), subject: `brief:${brief.id}`, proofId: proof.id, data: { title: brief.title, deliverable: d.name, version: latest.number, proofTitle: proof.title } });
				return (await tx.briefs.update(brief.id, { updatedAt: now() }))!;
			});
			return { proof, brief: await briefs.detail(row) };
		},

		/**
		 * The legal disclaimers a proof carries from the brief it was requested from, for its
		 * reviewers. Callers have checked access to the proof (members' page, or a guest's link).
		 */
		async proofBrief(proofId: string) {
			return (await repos.briefs.briefOfProof(proofId)) ?? null;
		},

		async categories(actor: Actor, workspaceId: string) {
			await access.require(actor, 'brief.read', workspaceId);
			return (await repos.briefs.categories(workspaceId)).map(presentCategory);
		},
		async createCategory(actor: Actor, workspaceId: string, input: unknown) {
			await access.require(actor, 'legal.manage', workspaceId);
			const body = parse(legalCategoryInput, input);
			await templateIn(actor, workspaceId, body.proofTemplateId);
			const row = await repos.briefs.insertCategory({ workspaceId, name: body.name, proofTemplateId: body.proofTemplateId ?? null, disclaimers: body.disclaimers, updatedAt: now() });
			if (!row) throw new DomainError('conflict', `A legal category called “${body.name}” exists already.`, { fields: { name: 'Taken.' } });
			return presentCategory(row);
		},
		async updateCategory(actor: Actor, categoryId: string, input: unknown) {
			const c = await repos.briefs.categoryById(categoryId);
			if (!c) throw new DomainError('not_found', 'Legal category not found.');
			await access.require(actor, 'legal.manage', c.workspaceId);
			const body = parse(legalCategoryInput.partial(), input);
			await templateIn(actor, c.workspaceId, body.proofTemplateId);
			return presentCategory((await repos.briefs.updateCategory(c.id, { ...body, updatedAt: now() }))!);
		}
	};

	async function templateIn(actor: Actor, workspaceId: string, id: string | null | undefined) {
		if (id && !(await deps.proofs.templates(actor, workspaceId)).some((t) => t.id === id)) throw new DomainError('invalid', 'proofTemplateId: not a proof template of this workspace.', { fields: { proofTemplateId: 'Unknown template.' } });
	}
}

const presentCategory = (c: { id: string; workspaceId: string; name: string; proofTemplateId: string | null; disclaimers: { title: string; body: string }[]; updatedAt: Date }) => ({
	id: c.id,
	workspaceId: c.workspaceId,
	name: c.name,
	proofTemplateId: c.proofTemplateId,
	disclaimers: c.disclaimers,
	updatedAt: c.updatedAt.toISOString()
});

export type DeliverableService = ReturnType<typeof createDeliverableService>;
