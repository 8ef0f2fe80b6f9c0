import type { RequestHandler } from './$types';
import { api, apiActor, readJson, services } from '#lib/kit/server/http.ts';
import { tokenOut } from '#lib/kit/server/present.ts';

export const GET: RequestHandler = api(async ({ locals }) => ({ items: (await services().tokens.list(apiActor(locals))).map(tokenOut) }));

export const POST: RequestHandler = api(async ({ locals, request }) => {
	const { token, apiToken } = await services().tokens.create(apiActor(locals), await readJson(request));
	return Response.json({ token, apiToken: tokenOut(apiToken) }, { status: 201 });
});
