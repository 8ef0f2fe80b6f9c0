import type { Actions, PageServerLoad } from './$types';
import { act, requireActor, run, services } from '#lib/kit/server/http.ts';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const actor = requireActor(locals, url);
	const { workspace } = await parent();
	const s = services();
	const [templates, categories, proofTemplates] = await Promise.all([
		run(() => s.briefs.templates(actor, workspace.id)),
		run(() => s.deliverables.categories(actor, workspace.id)),
		run(() => s.proofs.templates(actor, workspace.id))
	]);
	return { templates, categories, proofTemplates: proofTemplates.map((t) => ({ id: t.id, name: t.name })) };
};

/** Disclaimers as rows of the form: `disclaimer.title` and `disclaimer.body`, in order; empty rows dropped. */
function disclaimersOf(form: FormData) {
	const titles = form.getAll('disclaimer.title').map(String);
	const bodies = form.getAll('disclaimer.body').map(String);
	return titles.map((title, i) => ({ title: title.trim(), body: (bodies[i] ?? '').trim() })).filter((d) => d.title || d.body);
}

export const actions: Actions = {
	createCategory: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const form = await request.formData();
		return act(async () => {
			const ws = await services().workspaces.getBySlug(actor, params.slug);
			const c = await services().deliverables.createCategory(actor, ws.id, { name: String(form.get('name') ?? ''), proofTemplateId: String(form.get('proofTemplateId') ?? '') || null, disclaimers: disclaimersOf(form) });
			return { done: `Legal category “${c.name}” added.` };
		});
	},
	updateCategory: async ({ locals, url, request }) => {
		const actor = requireActor(locals, url);
		const form = await request.formData();
		return act(async () => {
			const c = await services().deliverables.updateCategory(actor, String(form.get('id') ?? ''), { proofTemplateId: String(form.get('proofTemplateId') ?? '') || null, disclaimers: disclaimersOf(form) });
			return { done: `Legal category “${c.name}” saved. Briefs keep the disclaimers they already carry; new ones get these.` };
		});
	}
};
