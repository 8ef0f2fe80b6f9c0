import type { RequestHandler } from './$types';
import { api, apiActor, idParam, readJson, services } from '#lib/kit/server/http.ts';

export const GET: RequestHandler = api(async ({ locals, params }) => services().briefs.get(apiActor(locals), idParam(params.id, 'Brief')));

export const PATCH: RequestHandler = api(async ({ locals, params, request }) => services().briefs.update(apiActor(locals), idParam(params.id, 'Brief'), await readJson(request)));
