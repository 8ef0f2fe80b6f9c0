import { eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { loginThrottle } from '../db/schema/index.ts';

export const createThrottleRepository = (db: Db) => ({
	get: (keys: string[]) => db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys)),
	/** Counts a failure atomically, so parallel guesses cannot share one slot. */
	recordFailure: async (key: string, now: Date, delayFor: (failures: number) => number) => {
		const [row] = await db
			.insert(loginThrottle)
			.values({ key, failures: 1, updatedAt: now })
			.onConflictDoUpdate({ target: loginThrottle.key, set: { failures: sql`${loginThrottle.failures} + 1`, updatedAt: now } })
			.returning();
		const seconds = delayFor(row!.failures);
		if (seconds > 0) {
			await db.update(loginThrottle).set({ lockedUntil: new Date(now.getTime() + seconds * 1000) }).where(eq(loginThrottle.key, key));
		}
		return row!.failures;
	},
	clear: (key: string) => db.delete(loginThrottle).where(eq(loginThrottle.key, key)),
	purgeOlderThan: (date: Date) => db.delete(loginThrottle).where(lt(loginThrottle.updatedAt, date))
});

export type ThrottleRepository = ReturnType<typeof createThrottleRepository>;
