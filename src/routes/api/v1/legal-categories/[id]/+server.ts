import type { RequestHandler } from './$types';
import { api, apiActor, idParam, readJson, services } from '#lib/kit/server/http.ts';

export const PATCH: RequestHandler = api(async ({ locals, params, request }) => services().deliverables.updateCategory(apiActor(locals), idParam(params.id, 'Legal category'), await readJson(request)));
