import { bigint, bigserial, index, pgTable, text } from 'drizzle-orm/pg-core';
import { at, bytea } from './columns.ts';

/** Per-installation values made on first start (e.g. the collab ticket key). */
export const instanceSetting = pgTable('instance_setting', {
	key: text().primaryKey(),
	value: text().notNull()
});

/** Stored Yjs state of collaborative documents, one row per document name. */
export const collabDocument = pgTable('collab_document', {
	name: text().primaryKey(),
	state: bytea().notNull(),
	/** The last `collab_update` folded into `state`; later ones are applied on load. */
	upto: bigint({ mode: 'number' }).notNull().default(0),
	updatedAt: at().notNull().defaultNow()
});

/**
 * Every accepted Yjs update, written before the server acknowledges it, so a crash right
 * after an acknowledgement loses nothing. Compacted into `collab_document` on store.
 */
export const collabUpdate = pgTable(
	'collab_update',
	{
		id: bigserial({ mode: 'number' }).primaryKey(),
		name: text().notNull(),
		update: bytea().notNull(),
		createdAt: at().notNull().defaultNow()
	},
	(t) => [index().on(t.name, t.id)]
);
