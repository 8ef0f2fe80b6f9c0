import type { PageServerLoad } from './$types';
import { requireActor, run } from '#lib/kit/server/http.ts';
import { listCards, listQuery } from './cards.server.ts';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const actor = requireActor(locals, url);
	const { workspace } = await parent();
	return { list: await run(() => listCards(actor, workspace.id, listQuery(url))) };
};
