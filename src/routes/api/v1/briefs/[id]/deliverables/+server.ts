import type { RequestHandler } from './$types';
import { api, apiActor, idParam, readJson, services } from '#lib/kit/server/http.ts';

export const GET: RequestHandler = api(async ({ locals, params }) => ({ items: (await services().briefs.get(apiActor(locals), idParam(params.id, 'Brief'))).deliverables }));

export const POST: RequestHandler = api(async ({ locals, params, request }) => Response.json(await services().deliverables.add(apiActor(locals), idParam(params.id, 'Brief'), await readJson(request)), { status: 201 }));
