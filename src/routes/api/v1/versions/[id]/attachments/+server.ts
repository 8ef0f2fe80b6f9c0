import type { RequestHandler } from './$types';
import { api, apiActor, idParam, services } from '#lib/kit/server/http.ts';
import { readUpload } from '#lib/kit/server/multipart.ts';
import { ATTACHMENT_MAX_BYTES } from '#lib/server/review/review.service.ts';

export const POST: RequestHandler = api(async ({ locals, params, request }) => {
	const actor = apiActor(locals);
	const upload = await readUpload(request, ATTACHMENT_MAX_BYTES);
	const out = await services().review.attach(actor, idParam(params.id, 'Version'), upload.file);
	return Response.json(out, { status: 201 });
});
