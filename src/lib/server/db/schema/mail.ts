import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, id } from './columns.ts';
import { user } from './users.ts';

export type EmailMode = 'immediate' | 'digest' | 'off';

/**
 * Every email Loupe sends, written in the transaction of what caused it and sent by the
 * `send-emails` job: nothing is mailed for a change that rolled back, and a mail server
 * that is down delays mail without losing it.
 */
export const outboundEmail = pgTable(
	'outbound_email',
	{
		id: id(),
		to: text().notNull(),
		subject: text().notNull(),
		text: text().notNull(),
		html: text().notNull(),
		createdAt: createdAt(),
		sentAt: at(),
		/** Taken by a sender; a claim older than ten minutes (a sender that died) is taken again. */
		claimedAt: at(),
		attempts: integer().notNull().default(0),
		lastError: text(),
		/**
		 * `guest_invite`: the link's token is made when the mail is sent and put where the
		 * text says {{link}}, so no usable token is ever stored; `ref` is the stage reviewer.
		 */
		template: text().$type<'guest_invite'>(),
		ref: uuid()
	},
	(t) => [index().on(t.sentAt, t.createdAt)]
);

/** How a user wants notifications by email: each at once, an hourly digest, or none. */
export const notificationPref = pgTable('notification_pref', {
	userId: uuid()
		.primaryKey()
		.references(() => user.id, { onDelete: 'cascade' }),
	email: text().$type<EmailMode>().notNull().default('immediate')
});
