import type { RequestHandler } from './$types';
import { api, apiActor, services } from '#lib/kit/server/http.ts';

/** A one-minute ticket for opening /collab from a logged-in page. */
export const POST: RequestHandler = api(async ({ locals }) => {
	const { ticket, expiresAt } = await services().tickets.issue(apiActor(locals).user.id);
	return { ticket, expiresAt: expiresAt.toISOString() };
});
