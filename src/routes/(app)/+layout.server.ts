import type { LayoutServerLoad } from './$types';
import { requireActor, services } from '#lib/kit/server/http.ts';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	// Depending on the path re-runs this on every navigation, so a session ended elsewhere
	// (signed out, password changed) sends its holder to sign-in at the next click.
	void url.pathname;
	const actor = requireActor(locals, url);
	return { user: actor.user, workspaces: await services().workspaces.listForUser(actor) };
};
