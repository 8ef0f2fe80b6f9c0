import type { PageServerLoad } from './$types';
import { requireActor, run, services } from '#lib/kit/server/http.ts';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const actor = requireActor(locals, url);
	const { workspace } = await parent();
	return { sections: await run(() => services().brand.list(actor, workspace.id)) };
};
