import type { Cookies } from '@sveltejs/kit';
import { isDomainError } from '#lib/shared/errors.ts';
import { guestToken } from './guest.ts';

/**
 * A guest reviewer's link token, kept after they open their link so it leaves the address
 * bar (and browser history, and screenshots). Scoped to /g: no other page or API reads it,
 * so it can never act as a member's session.
 */
export const GUEST_COOKIE = 'loupe_guest';
const PATH = '/g';
/** The link itself may live longer or shorter; the server checks it on every request anyway. */
const MAX_AGE_DAYS = 30;

export function setGuestCookie(cookies: Cookies, url: URL, token: string) {
	cookies.set(GUEST_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', path: PATH, maxAge: MAX_AGE_DAYS * 86_400 });
}

export function clearGuestCookie(cookies: Cookies, url: URL) {
	cookies.delete(GUEST_COOKIE, { httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', path: PATH });
}

/** The guest token of a page request: the cookie, or a Bearer link token. */
export function guestFromRequest(request: Request, cookies: Cookies): string {
	return guestToken(request, cookies.get(GUEST_COOKIE));
}

/**
 * Runs a guest page's service call; a link that stopped working (expired, withdrawn) also
 * drops the cookie, so the next visit starts clean.
 */
export async function asGuest<T>(cookies: Cookies, url: URL, fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (e) {
		if (isDomainError(e) && e.code === 'unauthenticated') clearGuestCookie(cookies, url);
		throw e;
	}
}
