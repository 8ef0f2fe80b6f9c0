import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { act, formObject, idParam, requireActor, run, services } from '#lib/kit/server/http.ts';
import { fieldsFromForm } from '#lib/briefs/brief-form.ts';
import { atLeast } from '#lib/shared/roles.ts';
import { auditEventJson } from '#lib/kit/server/present-proofs.ts';

export const load: PageServerLoad = async ({ locals, url, params, parent }) => {
	const actor = requireActor(locals, url);
	const { workspace } = await parent();
	const s = services();
	const brief = await run(() => s.briefs.get(actor, idParam(params.briefId, 'Brief')));
	// A brief of another workspace under this workspace's address would mislead; it is simply not here.
	if (brief.workspaceId !== workspace.id) error(404, 'Brief not found.');
	const [members, categories, others, comments, brand, activity] = await Promise.all([
		run(() => s.workspaces.members(actor, workspace.id)),
		run(() => s.deliverables.categories(actor, workspace.id)),
		run(() => s.briefs.list(actor, workspace.id, {})),
		run(() => s.briefComments.list(actor, brief.id)),
		run(() => s.brand.titles(actor, workspace.id)),
		run(() => s.audit.list(actor, { briefId: brief.id, limit: 20 }))
	]);
	// The library assets the brief points at (reference assets, drafts), with a version for thumbnails.
	const assetIds = [...new Set([...brief.sections.flatMap((sec) => sec.fields).filter((f) => f.type === 'asset' || f.type === 'file').flatMap((f) => (brief.fields[f.key] as string[] | null) ?? []), ...brief.deliverables.map((d) => d.assetId).filter((x): x is string => !!x)])];
	const found = await Promise.all(assetIds.map((id) => s.assets.get(actor, id).catch(() => null)));
	const assets = Object.fromEntries(found.filter((a) => !!a).map((a) => [a.asset.id, { id: a.asset.id, title: a.asset.title, kind: a.asset.kind, versionId: a.versions[0]?.id ?? null, versions: a.versions.length }]));
	return {
		brief,
		me: actor.user.id,
		user: { id: actor.user.id, name: actor.user.name },
		members: members.map((m) => ({ id: m.userId, name: m.name, role: m.role })),
		categories: categories.map((c) => ({ name: c.name, disclaimers: c.disclaimers.length })),
		otherBriefs: others.filter((b) => b.id !== brief.id).map((b) => ({ id: b.id, title: b.title })),
		assets,
		comments,
		brandSections: brand,
		activity: { items: activity.items.map(auditEventJson), nextCursor: activity.nextCursor },
		canComment: atLeast(workspace.role, 'reviewer'),
		canManage: atLeast(workspace.role, 'manager'),
		canCreate: atLeast(workspace.role, 'creator')
	};
};

const briefId = (params: { briefId: string }) => idParam(params.briefId, 'Brief');

export const actions: Actions = {
	save: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const form = await request.formData();
		return act(async () => {
			const b = await services().briefs.get(actor, briefId(params));
			const related = form.getAll('relatedBriefIds').filter((v): v is string => typeof v === 'string' && v !== '');
			await services().briefs.update(actor, b.id, {
				title: String(form.get('title') ?? '').trim() || b.title,
				fields: fieldsFromForm(b.sections, form),
				legalCategory: String(form.get('legalCategory') ?? '') || null,
				relatedBriefIds: related
			});
			return { saved: true };
		});
	},
	status: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const values = formObject(await request.formData(), ['status', 'note']);
		return act(async () => {
			await services().briefs.changeStatus(actor, briefId(params), { status: values.status, ...(values.note?.trim() ? { note: values.note.trim() } : {}) });
			return { moved: values.status };
		});
	},
	signoff: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const values = formObject(await request.formData(), ['kind', 'decision', 'note']);
		return act(async () => {
			// The kind rides on the button's formaction, so one note field serves every sign-off button.
			await services().briefs.signoff(actor, briefId(params), { kind: values.kind ?? url.searchParams.get('kind'), decision: values.decision, ...(values.note?.trim() ? { note: values.note.trim() } : {}) });
			return { signed: values.kind };
		});
	},
	addDeliverable: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const values = formObject(await request.formData(), ['name', 'channel', 'spec', 'dueAt', 'ownerId']);
		return act(async () => {
			await services().deliverables.add(actor, briefId(params), { name: values.name, channel: values.channel, spec: values.spec, dueAt: values.dueAt || null, ownerId: values.ownerId || null });
			return { added: true };
		}, values);
	},
	updateDeliverable: async ({ locals, url, request }) => {
		const actor = requireActor(locals, url);
		const values = formObject(await request.formData(), ['id', 'dueAt', 'ownerId']);
		return act(async () => {
			await services().deliverables.update(actor, values.id ?? '', { dueAt: values.dueAt || null, ownerId: values.ownerId || null });
			return { updated: true };
		});
	},
	removeDeliverable: async ({ locals, url, request }) => {
		const actor = requireActor(locals, url);
		const values = formObject(await request.formData(), ['id']);
		return act(async () => {
			await services().deliverables.remove(actor, values.id ?? '');
			return { removed: true };
		});
	},
	requestApproval: async ({ locals, url, request }) => {
		const actor = requireActor(locals, url);
		const values = formObject(await request.formData(), ['id']);
		return act(async () => {
			const { proof } = await services().deliverables.requestApproval(actor, values.id ?? '');
			return { proofId: proof.id };
		});
	},
	milestones: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const form = await request.formData();
		const rows = form.getAll('milestone.name').map((name, i) => ({
			id: String(form.getAll('milestone.id')[i] ?? '') || undefined,
			name: String(name).trim(),
			dueAt: String(form.getAll('milestone.dueAt')[i] ?? ''),
			ownerId: String(form.getAll('milestone.ownerId')[i] ?? '') || null
		}));
		return act(async () => {
			await services().briefs.update(actor, briefId(params), { milestones: rows.filter((r) => r.name || r.dueAt) });
			return { milestonesSaved: true };
		});
	},
	comment: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const form = await request.formData();
		return act(async () => {
			await services().briefComments.add(actor, briefId(params), { body: String(form.get('body') ?? ''), visibility: form.get('visibility') === 'private' ? 'private' : 'team', readerIds: form.getAll('readerIds').map(String) });
			return { commented: true };
		});
	},
	deleteComment: async ({ locals, url, request }) => {
		const actor = requireActor(locals, url);
		const values = formObject(await request.formData(), ['id']);
		return act(async () => {
			await services().briefComments.remove(actor, values.id ?? '');
			return { commentDeleted: true };
		});
	}
};
