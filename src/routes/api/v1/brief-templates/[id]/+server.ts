import type { RequestHandler } from './$types';
import { api, apiActor, idParam, readJson, services } from '#lib/kit/server/http.ts';

export const GET: RequestHandler = api(async ({ locals, params }) => services().briefs.template(apiActor(locals), idParam(params.id, 'Template')));

export const PATCH: RequestHandler = api(async ({ locals, params, request }) => services().briefs.updateTemplate(apiActor(locals), idParam(params.id, 'Template'), await readJson(request)));
