import type { RequestHandler } from './$types';
import { api, apiActor, idParam, services } from '#lib/kit/server/http.ts';
import { versionOut } from '#lib/kit/server/present-assets.ts';

export const POST: RequestHandler = api(async ({ locals, params }) => {
	const actor = apiActor(locals);
	const v = await services().assets.retry(actor, idParam(params.id, 'Version'));
	const { renditions } = await services().assets.version(actor, v.id);
	return versionOut(v, renditions);
});
