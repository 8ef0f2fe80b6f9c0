import type { RequestHandler } from './$types';
import { api, apiActor, idParam, noContent, readJson, services } from '#lib/kit/server/http.ts';
import { fieldOut } from '#lib/kit/server/present-assets.ts';

export const PATCH: RequestHandler = api(async ({ locals, params, request }) =>
	fieldOut(await services().taxonomy.updateField(apiActor(locals), idParam(params.id, 'Field'), await readJson(request)))
);

export const DELETE: RequestHandler = api(async ({ locals, params }) => {
	await services().taxonomy.deleteField(apiActor(locals), idParam(params.id, 'Field'));
	return noContent();
});
