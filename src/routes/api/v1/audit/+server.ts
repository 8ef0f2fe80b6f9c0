import type { RequestHandler } from './$types';
import { api, apiActor, services } from '#lib/kit/server/http.ts';
import { auditEventJson } from '#lib/kit/server/present-proofs.ts';

export const GET: RequestHandler = api(async ({ locals, url }) => {
	const { items, nextCursor } = await services().audit.query(apiActor(locals), Object.fromEntries(url.searchParams));
	return { items: items.map(auditEventJson), nextCursor };
});
