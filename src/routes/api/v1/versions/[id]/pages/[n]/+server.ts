import type { RequestHandler } from './$types';
import { api, apiActor, idParam, services } from '#lib/kit/server/http.ts';
import { fileResponse } from '#lib/kit/server/files.ts';
import { DomainError } from '#lib/shared/errors.ts';

export const GET: RequestHandler = api(async ({ locals, params, request }) => {
	const n = Number(params.n);
	if (!/^\d{1,5}$/.test(params.n) || n < 1) throw new DomainError('not_found', 'Pages are numbered from 1.');
	return fileResponse(await services().assets.page(apiActor(locals), idParam(params.id, 'Version'), n), request, 'inline', 'immutable');
});
