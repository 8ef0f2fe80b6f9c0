import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { apiToken, user } from '../db/schema/index.ts';

export const createApiTokenRepository = (db: Db) => ({
	insert: async (values: typeof apiToken.$inferInsert) => (await db.insert(apiToken).values(values).returning())[0]!,
	listActive: (userId: string) =>
		db
			.select()
			.from(apiToken)
			.where(and(eq(apiToken.userId, userId), isNull(apiToken.revokedAt)))
			.orderBy(desc(apiToken.createdAt)),
	withUserByHash: async (tokenHash: string) =>
		(await db.select({ token: apiToken, user }).from(apiToken).innerJoin(user, eq(apiToken.userId, user.id)).where(eq(apiToken.tokenHash, tokenHash)))[0],
	touch: (id: string, at: Date) => db.update(apiToken).set({ lastUsedAt: at }).where(eq(apiToken.id, id)),
	revoke: async (userId: string, id: string, at: Date) =>
		(
			await db
				.update(apiToken)
				.set({ revokedAt: at })
				.where(and(eq(apiToken.id, id), eq(apiToken.userId, userId), isNull(apiToken.revokedAt)))
				.returning({ id: apiToken.id })
		).length === 1
});

export type ApiTokenRepository = ReturnType<typeof createApiTokenRepository>;
