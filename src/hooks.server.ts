import type { Handle, HandleServerError } from '@sveltejs/kit/hooks';
import { getAppContext } from '#lib/server/app-context.ts';
import { DomainError } from '#lib/shared/errors.ts';
import { errorResponse } from '#lib/kit/server/http.ts';
import { SESSION_COOKIE, clearSessionCookie, setSessionCookie } from '#lib/kit/server/cookies.ts';
import type { Actor } from '#lib/server/auth/actor.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/** Pages reachable before the first account exists. */
const SETUP_OPEN = /^\/(setup|api\/|_app\/|favicon)/;

// Only ever flips from false to true, so one process-wide flag is safe to share.
let setupDone = false;

async function authenticate(event: Parameters<Handle>[0]['event']): Promise<Actor | null | 'bad-token'> {
	const { services } = getAppContext();
	const header = event.request.headers.get('authorization');
	if (header) {
		const m = /^Bearer\s+(\S+)$/i.exec(header);
		// A guest reviewer's link token is nobody's identity here: only /api/v1/guest/* reads it.
		if (m?.[1]!.startsWith('g1.')) return null;
		const found = m ? await services.tokens.authenticate(m[1]!) : null;
		return found ? { user: found.user, via: { kind: 'token', tokenId: found.tokenId } } : 'bad-token';
	}
	const token = event.cookies.get(SESSION_COOKIE);
	if (!token) return null;
	const found = await services.sessions.validate(token);
	if (!found) {
		clearSessionCookie(event.cookies, event.url);
		return null;
	}
	setSessionCookie(event.cookies, event.url, token, found.session.expiresAt);
	return { user: found.user, via: { kind: 'session', sessionId: found.session.id } };
}

/**
 * Kit checks the origin of form posts only. Every state-changing request that a browser
 * could be tricked into sending (no bearer token) must come from our own origin.
 */
function crossOrigin(request: Request, url: URL): boolean {
	if (SAFE.has(request.method) || request.headers.has('authorization')) return false;
	const origin = request.headers.get('origin');
	if (origin) return origin !== url.origin;
	const site = request.headers.get('sec-fetch-site');
	return !!site && site !== 'same-origin' && site !== 'none';
}

export const handle: Handle = async ({ event, resolve }) => {
	const isApi = event.url.pathname.startsWith('/api/');
	const respond = async (): Promise<Response> => {
		if (crossOrigin(event.request, event.url)) {
			return errorResponse(new DomainError('forbidden', 'Cross-origin requests that change state are not allowed.'));
		}
		const actor = await authenticate(event);
		if (actor === 'bad-token') {
			return errorResponse(new DomainError('unauthenticated', 'The API token is not valid, or has expired or been revoked.'));
		}
		event.locals.actor = actor;

		if (!setupDone && !SETUP_OPEN.test(event.url.pathname)) {
			if (await getAppContext().services.auth.needsSetup()) return new Response(null, { status: 303, headers: { location: '/setup' } });
			setupDone = true;
		}
		return resolve(event);
	};

	let response = await respond();
	// Kit's own answers (405, a thrown page error) are HTML or text; API clients get the one error shape.
	if (isApi && response.status >= 400 && !response.headers.get('content-type')?.includes('json')) {
		const code = response.status === 405 ? 'method_not_allowed' : response.status === 404 ? 'not_found' : 'error';
		const message = response.status === 405 ? `${event.request.method} is not supported here.` : response.statusText || 'Request failed.';
		response = Response.json({ error: { code, message } }, { status: response.status, headers: response.headers.has('allow') ? { allow: response.headers.get('allow')! } : {} });
	}
	const h = response.headers;
	h.set('x-content-type-options', 'nosniff');
	h.set('referrer-policy', 'strict-origin-when-cross-origin');
	h.set('x-frame-options', 'DENY');
	h.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
	h.set('cross-origin-opener-policy', 'same-origin');
	if (!h.has('content-security-policy')) h.set('content-security-policy', API_CSP);
	// API answers are private and current; file routes set their own caching.
	if (isApi && !h.has('cache-control')) h.set('cache-control', 'no-store');
	return response;
};

export const handleError: HandleServerError = ({ kind, error }) => {
	if (kind === 'unknown') {
		console.error(error);
		return { status: 500, message: 'Something went wrong on the server.' };
	}
};
