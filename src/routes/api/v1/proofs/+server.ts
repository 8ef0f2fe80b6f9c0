import type { RequestHandler } from './$types';
import { api, apiActor, readJson, services } from '#lib/kit/server/http.ts';

export const GET: RequestHandler = api(async ({ locals, url }) => ({ items: await services().proofs.list(apiActor(locals), Object.fromEntries(url.searchParams)) }));

export const POST: RequestHandler = api(async ({ locals, request }) => Response.json(await services().proofs.create(apiActor(locals), await readJson(request)), { status: 201 }));
