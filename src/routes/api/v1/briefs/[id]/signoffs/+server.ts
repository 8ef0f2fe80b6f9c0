import type { RequestHandler } from './$types';
import { api, apiActor, idParam, readJson, services } from '#lib/kit/server/http.ts';

export const POST: RequestHandler = api(async ({ locals, params, request }) => Response.json(await services().briefs.signoff(apiActor(locals), idParam(params.id, 'Brief'), await readJson(request)), { status: 201 }));
