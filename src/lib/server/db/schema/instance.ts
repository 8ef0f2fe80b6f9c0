import { pgTable, text } from 'drizzle-orm/pg-core';
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
	updatedAt: at().notNull().defaultNow()
});
