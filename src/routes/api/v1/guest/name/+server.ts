import type { RequestHandler } from './$types';
import { api, readJson, services } from '#lib/kit/server/http.ts';
import { guestToken } from '#lib/kit/server/guest.ts';

export const POST: RequestHandler = api(async ({ request }) => services().proofs.renameGuest(guestToken(request), await readJson(request)));
