import type { RequestHandler } from './$types';
import { api, apiActor, idParam, services } from '#lib/kit/server/http.ts';
import { versionOut } from '#lib/kit/server/present-assets.ts';

export const GET: RequestHandler = api(async ({ locals, params }) => {
	const { version, renditions } = await services().assets.version(apiActor(locals), idParam(params.id, 'Version'));
	return versionOut(version, renditions);
});
