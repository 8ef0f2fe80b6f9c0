import { error, fail, redirect } from '@sveltejs/kit';
import { DomainError, isDomainError, statusOf } from '#lib/shared/errors.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { getAppContext } from '#lib/server/app-context.ts';

export const services = () => getAppContext().services;

export function errorBody(e: DomainError) {
	return { error: { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}), ...(e.details ? { details: e.details } : {}) } };
}

export function errorResponse(e: DomainError): Response {
	const headers: Record<string, string> = {};
	if (e.retryAfter) headers['retry-after'] = String(e.retryAfter);
	return Response.json(errorBody(e), { status: statusOf[e.code], headers });
}

/** Wraps a REST handler: domain errors become `{error:{code,message}}` with the fitting status. */
export function api<E extends { locals: App.Locals }>(fn: (event: E) => Promise<unknown>) {
	return async (event: E): Promise<Response> => {
		try {
			const out = await fn(event);
			return out instanceof Response ? out : Response.json(out);
		} catch (e) {
			if (isDomainError(e)) return errorResponse(e);
			// A client that hung up mid-request is not a server fault; nobody is left to answer.
			if (interrupted(e)) return errorResponse(new DomainError('invalid', 'The request was interrupted before it was complete.'));
			console.error(e);
			return Response.json({ error: { code: 'internal', message: 'Something went wrong on the server.' } }, { status: 500 });
		}
	};
}

const interrupted = (e: unknown) => {
	const code = (e as { code?: string } | null)?.code;
	return code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || (e instanceof Error && e.message === 'aborted');
};

export function apiActor(locals: App.Locals): Actor {
	if (!locals.actor) throw new DomainError('unauthenticated', 'Sign in, or send an API token as "Authorization: Bearer <token>".');
	return locals.actor;
}

/** Reads a JSON body, bounded in size, with clear errors for the wrong type or bad JSON. */
export async function readJson(request: Request): Promise<unknown> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
		throw new DomainError('unsupported_media_type', 'Send the body as JSON with "Content-Type: application/json".');
	}
	const limit = getAppContext().config.jsonLimit;
	const length = Number(request.headers.get('content-length') ?? 0);
	if (length > limit) throw new DomainError('too_large', `The body is larger than ${limit} bytes.`);
	const text = await request.text();
	if (text.length > limit) throw new DomainError('too_large', `The body is larger than ${limit} bytes.`);
	try {
		return JSON.parse(text);
	} catch {
		throw new DomainError('invalid', 'The body is not valid JSON.');
	}
}

/** For page loads: a domain error becomes Kit's error page with the same status. */
export async function run<T>(fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (e) {
		if (isDomainError(e)) error(statusOf[e.code], e.message, { code: e.code });
		throw e;
	}
}

/** For form actions: a domain error comes back to the form with its message and field errors. */
export async function act<T>(fn: () => Promise<T>, values: Record<string, unknown> = {}) {
	try {
		return await fn();
	} catch (e) {
		if (isDomainError(e)) return fail(statusOf[e.code], { message: e.message, fields: (e.fields ?? {}) as Record<string, string | undefined>, values, retryAfter: e.retryAfter });
		throw e;
	}
}

/**
 * Reads the URL on every call, not only when redirecting: Kit then re-runs the load on each
 * navigation, so a session ended elsewhere (sign-out, password change) is noticed at the next click.
 */
export function requireActor(locals: App.Locals, url: URL): Actor {
	const here = url.pathname + url.search;
	if (!locals.actor) redirect(303, `/login?next=${encodeURIComponent(here)}`);
	return locals.actor;
}

export const formObject = (data: FormData, keys: string[]) => {
	const out: Record<string, string> = {};
	for (const k of keys) {
		const v = data.get(k);
		if (typeof v === 'string') out[k] = v;
	}
	return out;
};

/** Path ids must be UUIDs; anything else is simply not found (and never reaches SQL). */
export function idParam(value: string | undefined, what: string): string {
	if (!value || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
		throw new DomainError('not_found', `${what} not found.`);
	}
	return value.toLowerCase();
}

export const noContent = () => new Response(null, { status: 204 });
