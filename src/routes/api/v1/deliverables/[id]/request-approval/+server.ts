import type { RequestHandler } from './$types';
import { api, apiActor, idParam, services } from '#lib/kit/server/http.ts';

export const POST: RequestHandler = api(async ({ locals, params }) => Response.json(await services().deliverables.requestApproval(apiActor(locals), idParam(params.id, 'Deliverable')), { status: 201 }));
