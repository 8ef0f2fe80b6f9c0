import type { RequestHandler } from './$types';
import { api, apiActor, services } from '#lib/kit/server/http.ts';
import { createTusServer, type TusServer } from '#lib/kit/server/tus.ts';
import { getAppContext } from '#lib/server/app-context.ts';

let tus: TusServer | undefined;
const server = () => (tus ??= createTusServer(services(), getAppContext().config.filesDir));

/** tus 1.0 resumable uploads: POST creates, PATCH appends, HEAD resumes, DELETE cancels. */
const handle: RequestHandler = api(async ({ locals, request }) => server().handle(request, apiActor(locals)));

export const POST = handle;
export const PATCH = handle;
export const HEAD = handle;
export const DELETE = handle;
export const OPTIONS: RequestHandler = async ({ request }) => server().handle(request, { user: { id: '', email: '', name: '', isInstanceAdmin: false }, via: { kind: 'cli' } });
