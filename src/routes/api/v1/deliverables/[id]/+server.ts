import type { RequestHandler } from './$types';
import { api, apiActor, idParam, readJson, services } from '#lib/kit/server/http.ts';

export const PATCH: RequestHandler = api(async ({ locals, params, request }) => services().deliverables.update(apiActor(locals), idParam(params.id, 'Deliverable'), await readJson(request)));

export const DELETE: RequestHandler = api(async ({ locals, params }) => services().deliverables.remove(apiActor(locals), idParam(params.id, 'Deliverable')));
