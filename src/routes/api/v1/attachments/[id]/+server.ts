import type { RequestHandler } from './$types';
import { api, apiActor, idParam, services } from '#lib/kit/server/http.ts';
import { fileResponse } from '#lib/kit/server/files.ts';

export const GET: RequestHandler = api(async ({ locals, params, request }) =>
	fileResponse(await services().review.attachment(apiActor(locals), idParam(params.id, 'Attachment')), request, 'inline', 'immutable')
);
