import type { RequestHandler } from './$types';
import { api, apiActor, idParam, services } from '#lib/kit/server/http.ts';
import { fileResponse } from '#lib/kit/server/files.ts';

export const GET: RequestHandler = api(async ({ locals, params, request }) => {
	const file = await services().assets.original(apiActor(locals), idParam(params.id, 'Version'));
	const response = await fileResponse(file, request, 'attachment');
	// A whole-file download is audited; the ranges a PDF viewer or video player fetches are not.
	if (response.status === 200) await file.downloaded();
	return response;
});
