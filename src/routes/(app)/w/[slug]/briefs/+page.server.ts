import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { act, formObject, requireActor, run, services } from '#lib/kit/server/http.ts';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const actor = requireActor(locals, url);
	const { workspace } = await parent();
	const s = services();
	const q = url.searchParams.get('q')?.trim().slice(0, 200) ?? '';
	const [briefs, templates, members] = await Promise.all([
		run(() => s.briefs.list(actor, workspace.id, q ? { q } : {})),
		run(() => s.briefs.templates(actor, workspace.id)),
		run(() => s.workspaces.members(actor, workspace.id))
	]);
	return {
		q,
		briefs,
		templates: templates.map((t) => ({ id: t.id, name: t.name })),
		people: Object.fromEntries(members.map((m) => [m.userId, m.name]))
	};
};

export const actions: Actions = {
	create: async ({ locals, url, request, params }) => {
		const actor = requireActor(locals, url);
		const values = formObject(await request.formData(), ['title', 'templateId']);
		const made = await act(async () => {
			const ws = await services().workspaces.getBySlug(actor, params.slug);
			return services().briefs.create(actor, ws.id, { title: values.title ?? '', ...(values.templateId ? { templateId: values.templateId } : {}) });
		}, values);
		if (!('id' in made)) return made;
		redirect(303, `/w/${params.slug}/briefs/${made.id}`);
	}
};
