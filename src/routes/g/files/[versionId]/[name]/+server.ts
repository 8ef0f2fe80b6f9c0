import type { RequestHandler } from './$types';
import { api, idParam, services } from '#lib/kit/server/http.ts';
import { fileResponse } from '#lib/kit/server/files.ts';
import { guestFromRequest } from '#lib/kit/server/guest-cookie.ts';

/** A file of a version of the guest's proof (rendition, original or PDF page), for their pages and review room. */
export const GET: RequestHandler = api(async ({ request, cookies, params }) => {
	const file = await services().proofs.guestFile(guestFromRequest(request, cookies), idParam(params.versionId, 'Version'), params.name);
	return fileResponse(file, request, 'inline');
});
