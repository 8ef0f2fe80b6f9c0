import { DomainError } from '#lib/shared/errors.ts';
import { parse } from '#lib/shared/validate.ts';
import { templateInput } from '#lib/shared/proofs.ts';
import type { Actor } from '../auth/actor.ts';
import type { ProofCore, ProofDeps } from './proof-core.ts';
import { presentTemplate } from './proof-present.ts';

/** The workspace's proof templates (reusable stages). */
export function createTemplateService(deps: ProofDeps, core: ProofCore) {
	const { repos, access } = deps;
	return {
		async templates(actor: Actor, workspaceId: string) {
			await access.require(actor, 'proof.read', workspaceId);
			return (await repos.proofs.templates(workspaceId)).map(presentTemplate);
		},
		async createTemplate(actor: Actor, workspaceId: string, input: unknown) {
			await access.require(actor, 'proof.manage', workspaceId);
			const body = parse(templateInput, input);
			for (const [i, st] of body.stages.entries()) await core.resolveReviewers(workspaceId, st.reviewers, i);
			const row = await repos.proofs.insertTemplate({ workspaceId, name: body.name, stages: body.stages, createdBy: actor.user.id });
			if (!row) throw new DomainError('conflict', `A template called “${body.name}” exists already.`, { fields: { name: 'taken' } });
			return presentTemplate(row);
		},
		async deleteTemplate(actor: Actor, templateId: string) {
			const t = await repos.proofs.templateById(templateId);
			if (!t) throw new DomainError('not_found', 'Template not found.');
			await access.require(actor, 'proof.manage', t.workspaceId);
			await repos.proofs.deleteTemplate(t.id);
		}
	};
}
