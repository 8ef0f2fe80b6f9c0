import { DomainError, notFound } from '#lib/shared/errors.ts';
import { parse } from '#lib/shared/validate.ts';
import { tokenCreateInput } from '#lib/shared/schemas.ts';
import type { Actor } from '../auth/actor.ts';
import { toActorUser } from '../auth/actor.ts';
import { randomToken, sha256Hex } from '../auth/crypto.ts';
import type { ApiTokenRepository } from './api-token.repository.ts';

const DAY = 24 * 60 * 60 * 1000;
export const TOKEN_PREFIX = 'lp_';
const shape = /^lp_[a-z2-7]{32,64}$/;

export function createApiTokenService(deps: { repo: ApiTokenRepository; now: () => Date }) {
	async function createFor(userId: string, input: unknown) {
		const data = parse(tokenCreateInput, input);
		const token = TOKEN_PREFIX + randomToken(25);
		const row = await deps.repo.insert({
			userId,
			name: data.name,
			tokenHash: sha256Hex(token),
			prefix: token.slice(0, 10),
			expiresAt: data.expiresInDays ? new Date(deps.now().getTime() + data.expiresInDays * DAY) : null
		});
		return { token, apiToken: row };
	}

	return {
		/** For the CLI, which acts for any user. */
		createFor,
		/** The token is shown once; only its SHA-256 is stored. */
		async create(actor: Actor, input: unknown) {
			if (actor.via.kind === 'token') throw new DomainError('forbidden', 'API tokens cannot create API tokens. Sign in to make one.');
			return createFor(actor.user.id, input);
		},

		list: (actor: Actor) => deps.repo.listActive(actor.user.id),

		async revoke(actor: Actor, id: string) {
			if (!(await deps.repo.revoke(actor.user.id, id, deps.now()))) throw notFound('Token');
		},

		/** Resolves a bearer token to its user, or null for anything forged, revoked or expired. */
		async authenticate(token: string) {
			if (!shape.test(token)) return null;
			const row = await deps.repo.withUserByHash(sha256Hex(token));
			if (!row || row.token.revokedAt) return null;
			const now = deps.now();
			if (row.token.expiresAt && row.token.expiresAt <= now) return null;
			// One write a minute at most: lastUsedAt is for display, not for audit.
			if (!row.token.lastUsedAt || now.getTime() - row.token.lastUsedAt.getTime() > 60_000) await deps.repo.touch(row.token.id, now);
			return { tokenId: row.token.id, user: toActorUser(row.user) };
		}
	};
}

export type ApiTokenService = ReturnType<typeof createApiTokenService>;
