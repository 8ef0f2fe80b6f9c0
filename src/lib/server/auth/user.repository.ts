import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { session, user, type Session, type User } from '../db/schema/index.ts';

export const createUserRepository = (db: Db) => ({
	count: async () => (await db.select({ n: sql<number>`count(*)::int` }).from(user))[0]?.n ?? 0,
	byId: (id: string) => db.query.user.findFirst({ where: eq(user.id, id) }),
	byEmail: (email: string) => db.query.user.findFirst({ where: eq(user.email, email) }),
	insert: async (values: typeof user.$inferInsert, tx: Db = db) => (await tx.insert(user).values(values).returning())[0]!,
	update: async (id: string, values: Partial<typeof user.$inferInsert>) =>
		(await db.update(user).set(values).where(eq(user.id, id)).returning())[0],

	insertSession: async (values: typeof session.$inferInsert) => {
		await db.insert(session).values(values);
	},
	sessionWithUser: async (id: string): Promise<{ session: Session; user: User } | undefined> =>
		(await db.select({ session, user }).from(session).innerJoin(user, eq(session.userId, user.id)).where(eq(session.id, id)))[0],
	extendSession: (id: string, expiresAt: Date) => db.update(session).set({ expiresAt }).where(eq(session.id, id)),
	deleteSession: (id: string) => db.delete(session).where(eq(session.id, id)),
	deleteOtherSessions: (userId: string, keepId: string | null) =>
		db.delete(session).where(keepId ? and(eq(session.userId, userId), ne(session.id, keepId)) : eq(session.userId, userId)),
	purgeExpiredSessions: async (now: Date) =>
		(await db.delete(session).where(sql`${session.expiresAt} <= ${now}`).returning({ id: session.id })).length
});

export type UserRepository = ReturnType<typeof createUserRepository>;
