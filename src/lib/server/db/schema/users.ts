import { index, integer, pgTable, text, uuid, boolean } from 'drizzle-orm/pg-core';
import { at, createdAt, id } from './columns.ts';

export const user = pgTable('user', {
	id: id(),
	email: text().notNull().unique(),
	name: text().notNull(),
	passwordHash: text().notNull(),
	isInstanceAdmin: boolean().notNull().default(false),
	createdAt: createdAt(),
	passwordChangedAt: at()
});

/** Lucia-guide sessions: the id is the SHA-256 of the cookie token, never the token. */
export const session = pgTable(
	'session',
	{
		id: text().primaryKey(),
		userId: uuid()
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		expiresAt: at().notNull(),
		createdAt: createdAt(),
		userAgent: text(),
		ip: text()
	},
	(t) => [index().on(t.userId), index().on(t.expiresAt)]
);

/** Failed-login bookkeeping, keyed by `account:<email>` or `ip:<address>`. */
export const loginThrottle = pgTable('login_throttle', {
	key: text().primaryKey(),
	failures: integer().notNull().default(0),
	lockedUntil: at(),
	updatedAt: at().notNull().defaultNow()
});

export type User = typeof user.$inferSelect;
export type Session = typeof session.$inferSelect;
