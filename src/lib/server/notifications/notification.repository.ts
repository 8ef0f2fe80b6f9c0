import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { notification, notificationPref, outboundEmail, user, workspace } from '../db/schema/index.ts';
import type { EmailMode } from '../db/schema/mail.ts';

export type NewEmail = typeof outboundEmail.$inferInsert;
export type EmailRow = typeof outboundEmail.$inferSelect;

export const createNotificationRepository = (db: Db) => ({
	enqueueEmail: (row: NewEmail) => db.insert(outboundEmail).values(row),
	/**
	 * Takes up to `limit` messages to send, oldest first, so that two senders never send the
	 * same one: the UPDATE re-checks each row after waiting for its lock. A message that
	 * failed `maxAttempts` times stays for a person to look at.
	 */
	claim: (limit: number, maxAttempts: number, at: Date) => {
		const stale = new Date(at.getTime() - 10 * 60_000);
		const free = and(isNull(outboundEmail.sentAt), lt(outboundEmail.attempts, maxAttempts), or(isNull(outboundEmail.claimedAt), lt(outboundEmail.claimedAt, stale)));
		const ids = db.select({ id: outboundEmail.id }).from(outboundEmail).where(free).orderBy(asc(outboundEmail.createdAt)).limit(limit);
		return db
			.update(outboundEmail)
			.set({ claimedAt: at, attempts: sql`${outboundEmail.attempts} + 1` })
			.where(and(inArray(outboundEmail.id, ids), free))
			.returning();
	},
	markSent: (id: string, at: Date) => db.update(outboundEmail).set({ sentAt: at, lastError: null }).where(eq(outboundEmail.id, id)),
	markFailed: (id: string, error: string) => db.update(outboundEmail).set({ claimedAt: null, lastError: error.slice(0, 500) }).where(eq(outboundEmail.id, id)),

	/**
	 * Takes notifications not yet mailed (marking them mailed: the caller queues their mail in
	 * the same transaction), with their recipient and the recipient's email preference.
	 */
	claimUnmailed: async (limit: number, modes: EmailMode[], at: Date) => {
		const mode = sql<EmailMode>`coalesce(${notificationPref.email}, 'immediate')`;
		const ids = db
			.select({ id: notification.id })
			.from(notification)
			.leftJoin(notificationPref, eq(notificationPref.userId, notification.userId))
			.where(and(isNull(notification.emailedAt), sql`${mode} in ${modes}`))
			.orderBy(asc(notification.createdAt))
			.limit(limit);
		const taken = await db
			.update(notification)
			.set({ emailedAt: at })
			.where(and(inArray(notification.id, ids), isNull(notification.emailedAt)))
			.returning({ id: notification.id });
		if (!taken.length) return [];
		return db
			.select({
				id: notification.id,
				userId: notification.userId,
				kind: notification.kind,
				data: notification.data,
				createdAt: notification.createdAt,
				email: user.email,
				name: user.name,
				slug: workspace.slug,
				mode
			})
			.from(notification)
			.innerJoin(user, eq(user.id, notification.userId))
			.innerJoin(workspace, eq(workspace.id, notification.workspaceId))
			.leftJoin(notificationPref, eq(notificationPref.userId, notification.userId))
			.where(
				inArray(
					notification.id,
					taken.map((t) => t.id)
				)
			)
			.orderBy(asc(notification.createdAt));
	},

	emailMode: async (userId: string): Promise<EmailMode> => (await db.select().from(notificationPref).where(eq(notificationPref.userId, userId)))[0]?.email ?? 'immediate',
	setEmailMode: (userId: string, mode: EmailMode) =>
		db.insert(notificationPref).values({ userId, email: mode }).onConflictDoUpdate({ target: notificationPref.userId, set: { email: mode } })
});

export type NotificationRepository = ReturnType<typeof createNotificationRepository>;
