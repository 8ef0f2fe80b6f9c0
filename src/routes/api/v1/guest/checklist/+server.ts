import type { RequestHandler } from './$types';
import { api, readJson, services } from '#lib/kit/server/http.ts';
import { guestToken } from '#lib/kit/server/guest.ts';

export const POST: RequestHandler = api(async ({ request }) => ({ proof: await services().proofs.guestTick(guestToken(request), await readJson(request)) }));
