import type { RequestHandler } from './$types';
import { api, apiActor, idParam, readJson, services } from '#lib/kit/server/http.ts';

export const GET: RequestHandler = api(async ({ locals, params }) => ({ items: await services().briefComments.list(apiActor(locals), idParam(params.id, 'Brief')) }));

export const POST: RequestHandler = api(async ({ locals, params, request }) => Response.json(await services().briefComments.add(apiActor(locals), idParam(params.id, 'Brief'), await readJson(request)), { status: 201 }));
