import type { RequestHandler } from './$types';
import { api, apiActor, readJson, services } from '#lib/kit/server/http.ts';

export const POST: RequestHandler = api(async ({ locals, request }) => services().review.markRead(apiActor(locals), await readJson(request)));
