import type { Actions, PageServerLoad } from './$types';
import { act, formObject, requireActor, run, services } from '#lib/kit/server/http.ts';
import { fieldOut } from '#lib/kit/server/present-assets.ts';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const actor = requireActor(locals, url);
	const { workspace } = await parent();
	return { fields: (await run(() => services().taxonomy.fields(actor, workspace.id))).map(fieldOut) };
};

/** Options as typed: one per line or comma-separated, blanks dropped. */
const optionList = (raw: string | undefined) => (raw ?? '').split(/[\n,]/).map((o) => o.trim()).filter(Boolean);

export const actions: Actions = {
	add: async ({ locals, url, request, params }) => {
		const actor = requireActor(locals, url);
		const form = await request.formData();
		const values = formObject(form, ['label', 'type', 'options']);
		return act(async () => {
			const ws = await services().workspaces.getBySlug(actor, params.slug);
			const choice = values.type === 'select' || values.type === 'multiselect';
			const f = await services().taxonomy.createField(actor, ws.id, {
				label: values.label?.trim(),
				type: values.type,
				options: choice ? optionList(values.options) : [],
				required: form.get('required') === 'on'
			});
			return { done: `Field “${f.label}” added.` };
		}, values);
	},
	required: async ({ locals, url, request }) => {
		const actor = requireActor(locals, url);
		const values = formObject(await request.formData(), ['id', 'required']);
		return act(async () => {
			const f = await services().taxonomy.updateField(actor, values.id ?? '', { required: values.required === 'true' });
			return { done: f.required ? `“${f.label}” is now required.` : `“${f.label}” is now optional.` };
		}, values);
	},
	remove: async ({ locals, url, request }) => {
		const actor = requireActor(locals, url);
		const values = formObject(await request.formData(), ['id', 'label']);
		return act(async () => {
			await services().taxonomy.deleteField(actor, values.id ?? '');
			return { done: `Field “${values.label}” deleted, with its values.` };
		}, values);
	}
};
