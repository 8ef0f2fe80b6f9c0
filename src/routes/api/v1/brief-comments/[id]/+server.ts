import type { RequestHandler } from './$types';
import { api, apiActor, idParam, noContent, services } from '#lib/kit/server/http.ts';

export const DELETE: RequestHandler = api(async ({ locals, params }) => {
	await services().briefComments.remove(apiActor(locals), idParam(params.id, 'Comment'));
	return noContent();
});
