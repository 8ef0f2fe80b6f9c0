import type { RequestHandler } from './$types';
import { api, apiActor, idParam, noContent, readJson, services } from '#lib/kit/server/http.ts';

export const PATCH: RequestHandler = api(async ({ locals, params, request }) => services().brand.update(apiActor(locals), idParam(params.id, 'Section'), await readJson(request)));

export const DELETE: RequestHandler = api(async ({ locals, params }) => {
	await services().brand.remove(apiActor(locals), idParam(params.id, 'Section'));
	return noContent();
});
