import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, id } from './columns.ts';
import { user } from './users.ts';

export const apiToken = pgTable(
	'api_token',
	{
		id: id(),
		userId: uuid()
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		name: text().notNull(),
		tokenHash: text().notNull().unique(),
		/** The first characters of the token, so a user can tell tokens apart. */
		prefix: text().notNull(),
		createdAt: createdAt(),
		lastUsedAt: at(),
		expiresAt: at(),
		revokedAt: at()
	},
	(t) => [index().on(t.userId)]
);

export type ApiToken = typeof apiToken.$inferSelect;
