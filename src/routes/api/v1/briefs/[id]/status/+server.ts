import type { RequestHandler } from './$types';
import { api, apiActor, idParam, readJson, services } from '#lib/kit/server/http.ts';

export const POST: RequestHandler = api(async ({ locals, params, request }) => services().briefs.changeStatus(apiActor(locals), idParam(params.id, 'Brief'), await readJson(request)));
