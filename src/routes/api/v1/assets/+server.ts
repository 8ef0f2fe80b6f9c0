import type { RequestHandler } from './$types';
import { api, apiActor, services } from '#lib/kit/server/http.ts';
import { readUpload } from '#lib/kit/server/multipart.ts';
import { assetOut, versionOut } from '#lib/kit/server/present-assets.ts';

export const GET: RequestHandler = api(async ({ locals, url }) => {
	const actor = apiActor(locals);
	const s = services();
	const query = Object.fromEntries(url.searchParams);
	const workspaceId = await s.assets.workspaceFor(actor, query.workspaceId);
	const { items, nextCursor, facets } = await s.assets.list(actor, workspaceId, query);
	return { items: items.map((a) => ({ ...assetOut(a, a.tags), current: a.current ? versionOut(a.current, a.current.renditions) : null })), nextCursor, facets };
});

export const POST: RequestHandler = api(async ({ locals, request, url }) => {
	const actor = apiActor(locals);
	const s = services();
	const workspaceId = await s.assets.workspaceFor(actor, url.searchParams.get('workspaceId'));
	const upload = await readUpload(request, s.assets.maxUploadBytes);
	const { asset, version, tags } = await s.assets.upload(actor, workspaceId, upload);
	const fresh = await s.assets.version(actor, version.id);
	return Response.json({ asset: assetOut(asset, tags), version: versionOut(fresh.version, fresh.renditions) }, { status: 201 });
});
