import type { RequestHandler } from './$types';
import { api, apiActor, idParam, services } from '#lib/kit/server/http.ts';
import { readUpload } from '#lib/kit/server/multipart.ts';
import { assetOut, versionOut } from '#lib/kit/server/present-assets.ts';

export const POST: RequestHandler = api(async ({ locals, params, request }) => {
	const actor = apiActor(locals);
	const s = services();
	const upload = await readUpload(request, s.assets.maxUploadBytes);
	const { asset, version } = await s.assets.uploadVersion(actor, idParam(params.id, 'Asset'), upload);
	const fresh = await s.assets.version(actor, version.id);
	const tags = (await s.repos.assets.tagsFor([asset.id])).map((t) => t.name);
	return Response.json({ asset: assetOut(asset, tags), version: versionOut(fresh.version, fresh.renditions) }, { status: 201 });
});
