import { errorResponse } from '#lib/kit/server/http.ts';
import { DomainError } from '#lib/shared/errors.ts';

const notFound = ({ url }: { url: URL }) => errorResponse(new DomainError('not_found', `No API endpoint at ${url.pathname}.`));

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
