import { openApiDocument } from '#lib/kit/server/openapi.ts';

let doc: object | undefined;

export const GET = () => Response.json((doc ??= openApiDocument()));
