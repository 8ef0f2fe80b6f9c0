import { DomainError } from '#lib/shared/errors.ts';

/** The guest link token a request carries: `Authorization: Bearer g1.…` (API) or the guest cookie (pages). */
export function guestToken(request: Request, cookie?: string): string {
	const m = /^Bearer\s+(g1\.\S+)$/i.exec(request.headers.get('authorization') ?? '');
	const token = m?.[1] ?? cookie;
	if (!token) throw new DomainError('unauthenticated', 'Open the review link you were sent, or send it as "Authorization: Bearer <link token>".');
	return token;
}
