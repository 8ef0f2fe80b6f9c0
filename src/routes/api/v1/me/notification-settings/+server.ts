import type { RequestHandler } from './$types';
import { api, apiActor, readJson, services } from '#lib/kit/server/http.ts';

export const GET: RequestHandler = api(async ({ locals }) => services().notifications.preferences(apiActor(locals)));
export const PATCH: RequestHandler = api(async ({ locals, request }) => services().notifications.setPreferences(apiActor(locals), await readJson(request)));
