import type { RequestHandler } from './$types';
import { api, apiActor, idParam, noContent, readJson, services } from '#lib/kit/server/http.ts';
import { collectionOut } from '#lib/kit/server/present-assets.ts';

export const PATCH: RequestHandler = api(async ({ locals, params, request }) =>
	collectionOut(await services().taxonomy.updateCollection(apiActor(locals), idParam(params.id, 'Collection'), await readJson(request)))
);

export const DELETE: RequestHandler = api(async ({ locals, params }) => {
	await services().taxonomy.deleteCollection(apiActor(locals), idParam(params.id, 'Collection'));
	return noContent();
});
