import { check, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import type { Role } from '#lib/shared/roles.ts';
import { sql } from 'drizzle-orm';
import { at, createdAt, id } from './columns.ts';
import { user } from './users.ts';

const roleCheck = (column: string) =>
	sql.raw(`${column} in ('admin','manager','creator','reviewer','viewer')`);

export const workspace = pgTable('workspace', {
	id: id(),
	name: text().notNull(),
	slug: text().notNull().unique(),
	/** How downloaded originals are named, e.g. `{collection}_{title}_v{version}`; null keeps the uploaded name. */
	namingTemplate: text(),
	createdAt: createdAt(),
	createdBy: uuid().references(() => user.id, { onDelete: 'set null' })
});

export const membership = pgTable(
	'membership',
	{
		workspaceId: uuid()
			.notNull()
			.references(() => workspace.id, { onDelete: 'cascade' }),
		userId: uuid()
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		role: text().$type<Role>().notNull(),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index().on(t.userId), check('membership_role', roleCheck('role'))]
);

/** An invitation link; only the SHA-256 of its token is kept. */
export const invitation = pgTable(
	'invitation',
	{
		id: id(),
		workspaceId: uuid()
			.notNull()
			.references(() => workspace.id, { onDelete: 'cascade' }),
		tokenHash: text().notNull().unique(),
		email: text(),
		role: text().$type<Role>().notNull(),
		maxUses: integer().notNull().default(1),
		uses: integer().notNull().default(0),
		createdBy: uuid().references(() => user.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		expiresAt: at().notNull(),
		revokedAt: at()
	},
	(t) => [index().on(t.workspaceId), check('invitation_role', roleCheck('role'))]
);

export type Workspace = typeof workspace.$inferSelect;
export type Membership = typeof membership.$inferSelect;
export type Invitation = typeof invitation.$inferSelect;
