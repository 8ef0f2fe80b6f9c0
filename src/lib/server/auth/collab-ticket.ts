import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { decodeHex, encodeBase64urlNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { SettingRepository } from '../collab/collab.repository.ts';
import type { UserRepository } from './user.repository.ts';
import { safeEqual } from './crypto.ts';
import { toActorUser, type ActorUser } from './actor.ts';

const LIFETIME_MS = 60_000;

/**
 * Short-lived, signed tickets that let a logged-in page open /collab without exposing its
 * HttpOnly session cookie to scripts. The key lives in the database so every process agrees.
 */
export function createCollabTickets(deps: { settings: SettingRepository; users: UserRepository; now: () => Date }) {
	let key: Promise<Uint8Array> | undefined;
	const getKey = () =>
		(key ??= deps.settings.getOrInsert('collab_ticket_key', encodeHexLowerCase(crypto.getRandomValues(new Uint8Array(32)))).then(decodeHex));
	const sign = async (payload: string) => encodeBase64urlNoPadding(hmac(SHA256, await getKey(), new TextEncoder().encode(payload)));

	return {
		async issue(userId: string) {
			const expiresAt = new Date(deps.now().getTime() + LIFETIME_MS);
			const payload = `t1.${userId}.${expiresAt.getTime()}`;
			return { ticket: `${payload}.${await sign(payload)}`, expiresAt };
		},

		async verify(ticket: string): Promise<ActorUser | null> {
			const parts = ticket.split('.');
			if (parts.length !== 4 || parts[0] !== 't1') return null;
			const [, userId, exp, sig] = parts as [string, string, string, string];
			if (!/^\d{1,15}$/.test(exp) || Number(exp) <= deps.now().getTime()) return null;
			if (!safeEqual(sig, await sign(`t1.${userId}.${exp}`))) return null;
			if (!/^[0-9a-f-]{36}$/.test(userId)) return null;
			const user = await deps.users.byId(userId);
			return user ? toActorUser(user) : null;
		}
	};
}

export type CollabTickets = ReturnType<typeof createCollabTickets>;
