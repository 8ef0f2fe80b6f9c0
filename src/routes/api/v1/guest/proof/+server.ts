import type { RequestHandler } from './$types';
import { api, services } from '#lib/kit/server/http.ts';
import { guestToken } from '#lib/kit/server/guest.ts';

export const GET: RequestHandler = api(async ({ request }) => {
	const { reviewer, proof } = await services().proofs.guest(guestToken(request));
	return { reviewer, proof };
});
