import type { Actions, PageServerLoad } from './$types';
import { act, formObject, requireActor, run, services } from '#lib/kit/server/http.ts';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const actor = requireActor(locals, url);
	const { workspace } = await parent();
	return { members: await run(() => services().workspaces.members(actor, workspace.id)), me: actor.user.id };
};

async function withWorkspace<T>(event: Parameters<Actions[string]>[0], keys: string[], fn: (wsId: string, values: Record<string, string>) => Promise<T>) {
	const actor = requireActor(event.locals, event.url);
	const values = formObject(await event.request.formData(), keys);
	return act(async () => {
		const ws = await services().workspaces.getBySlug(actor, event.params.slug!);
		return fn(ws.id, values);
	}, values);
}

export const actions: Actions = {
	add: (e) =>
		withWorkspace(e, ['email', 'role'], async (id, v) => {
			const m = await services().workspaces.addMember(requireActor(e.locals, e.url), id, v);
			return { done: `${m.name} was added as ${m.role}.` };
		}),
	role: (e) =>
		withWorkspace(e, ['userId', 'role'], async (id, v) => {
			await services().workspaces.changeRole(requireActor(e.locals, e.url), id, v.userId ?? '', { role: v.role });
			return { done: 'Role changed.' };
		}),
	remove: (e) =>
		withWorkspace(e, ['userId'], async (id, v) => {
			await services().workspaces.removeMember(requireActor(e.locals, e.url), id, v.userId ?? '');
			return { done: 'Member removed.' };
		})
};
