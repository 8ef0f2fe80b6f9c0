import type { RequestHandler } from './$types';
import { DomainError } from '#lib/shared/errors.ts';
import { api, apiActor, idParam, services } from '#lib/kit/server/http.ts';

export const GET: RequestHandler = api(async ({ locals, params, url }) => {
	const raw = url.searchParams.get('page');
	const page = raw === null ? null : Number(raw);
	if (page !== null && !(Number.isInteger(page) && page >= 1)) throw new DomainError('invalid', 'page is a page number, from 1.');
	return services().compare.diff(apiActor(locals), idParam(params.otherId, 'Version'), idParam(params.id, 'Version'), page);
});
