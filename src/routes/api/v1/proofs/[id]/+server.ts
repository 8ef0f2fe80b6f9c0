import type { RequestHandler } from './$types';
import { api, apiActor, idParam, services } from '#lib/kit/server/http.ts';

export const GET: RequestHandler = api(async ({ locals, params }) => services().proofs.get(apiActor(locals), idParam(params.id, 'Proof')));
