import type { UserRepository } from './user.repository.ts';
import { randomToken, sha256Hex } from './crypto.ts';
import { toActorUser, type ActorUser } from './actor.ts';

const DAY = 24 * 60 * 60 * 1000;

export type SessionInfo = { id: string; userId: string; expiresAt: Date };

/** Sessions per the Lucia guide: the cookie holds a random token, the database its SHA-256. */
export function createSessionService(deps: { repo: UserRepository; now: () => Date; days: number }) {
	const lifetime = deps.days * DAY;

	return {
		async create(userId: string, meta: { ip?: string | null; userAgent?: string | null } = {}) {
			const token = randomToken();
			const session: SessionInfo = { id: sha256Hex(token), userId, expiresAt: new Date(deps.now().getTime() + lifetime) };
			await deps.repo.insertSession({ ...session, ip: meta.ip ?? null, userAgent: meta.userAgent?.slice(0, 300) ?? null });
			return { token, session };
		},

		/** Returns the session's user, sliding the expiry once half the lifetime has passed. */
		async validate(token: string): Promise<{ session: SessionInfo; user: ActorUser } | null> {
			if (!/^[a-z2-7]{16,64}$/.test(token)) return null;
			const row = await deps.repo.sessionWithUser(sha256Hex(token));
			if (!row) return null;
			const now = deps.now().getTime();
			const { session } = row;
			if (now >= session.expiresAt.getTime()) {
				await deps.repo.deleteSession(session.id);
				return null;
			}
			if (now >= session.expiresAt.getTime() - lifetime / 2) {
				session.expiresAt = new Date(now + lifetime);
				await deps.repo.extendSession(session.id, session.expiresAt);
			}
			return { session: { id: session.id, userId: session.userId, expiresAt: session.expiresAt }, user: toActorUser(row.user) };
		},

		invalidate: (sessionId: string) => deps.repo.deleteSession(sessionId),
		invalidateOthers: (userId: string, keepSessionId: string | null) => deps.repo.deleteOtherSessions(userId, keepSessionId),
		purgeExpired: () => deps.repo.purgeExpiredSessions(deps.now())
	};
}

export type SessionService = ReturnType<typeof createSessionService>;
