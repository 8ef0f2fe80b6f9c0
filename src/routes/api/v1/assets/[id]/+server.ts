import type { RequestHandler } from './$types';
import { api, apiActor, idParam, noContent, readJson, services } from '#lib/kit/server/http.ts';
import { assetOut, versionOut } from '#lib/kit/server/present-assets.ts';

async function detail(actor: App.Locals['actor'] & object, id: string) {
	const { asset, tags, versions } = await services().assets.get(actor, id);
	return { ...assetOut(asset, tags), versions: versions.map((v) => versionOut(v, v.renditions)) };
}

export const GET: RequestHandler = api(async ({ locals, params }) => detail(apiActor(locals), idParam(params.id, 'Asset')));

export const PATCH: RequestHandler = api(async ({ locals, params, request }) => {
	const actor = apiActor(locals);
	const id = idParam(params.id, 'Asset');
	await services().assets.update(actor, id, await readJson(request));
	return detail(actor, id);
});

export const DELETE: RequestHandler = api(async ({ locals, params }) => {
	await services().assets.trash(apiActor(locals), idParam(params.id, 'Asset'));
	return noContent();
});
