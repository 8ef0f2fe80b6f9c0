import { DomainError } from '#lib/shared/errors.ts';
import type { ThrottleRepository } from './throttle.repository.ts';

const MAX_DELAY_S = 15 * 60;
/** A key with no failure for this long starts again from zero. */
const FORGET_AFTER_MS = 60 * 60 * 1000;

/** Failures allowed before delays start, then the delay doubles with each one. */
export const policy = { account: 4, ip: 20 } as const;

export const delayAfter = (free: number) => (failures: number) =>
	failures <= free ? 0 : Math.min(MAX_DELAY_S, 2 ** (failures - free - 1));

export function createLoginThrottle(deps: { repo: ThrottleRepository; now: () => Date }) {
	const keys = (email: string, ip: string | null) => ({
		account: `account:${email}`,
		ip: ip ? `ip:${ip}` : null
	});

	return {
		/** Throws rate_limited with Retry-After while either key is locked. */
		async check(email: string, ip: string | null) {
			const k = keys(email, ip);
			const rows = await deps.repo.get([k.account, ...(k.ip ? [k.ip] : [])]);
			const now = deps.now().getTime();
			let wait = 0;
			for (const row of rows) {
				if (now - row.updatedAt.getTime() > FORGET_AFTER_MS) {
					await deps.repo.clear(row.key);
					continue;
				}
				if (row.lockedUntil && row.lockedUntil.getTime() > now) {
					wait = Math.max(wait, Math.ceil((row.lockedUntil.getTime() - now) / 1000));
				}
			}
			if (wait > 0) {
				throw new DomainError('rate_limited', `Too many failed sign-in attempts. Try again in ${wait} s.`, { retryAfter: wait });
			}
		},
		async failed(email: string, ip: string | null) {
			const k = keys(email, ip);
			const now = deps.now();
			await deps.repo.recordFailure(k.account, now, delayAfter(policy.account));
			if (k.ip) await deps.repo.recordFailure(k.ip, now, delayAfter(policy.ip));
		},
		async succeeded(email: string) {
			await deps.repo.clear(keys(email, null).account);
		}
	};
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
