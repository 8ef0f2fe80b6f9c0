import type { RequestHandler } from './$types';
import { api, apiActor, idParam, noContent, services } from '#lib/kit/server/http.ts';

export const POST: RequestHandler = api(async ({ locals, params }) => {
	await services().assets.restore(apiActor(locals), idParam(params.id, 'Asset'));
	return noContent();
});
