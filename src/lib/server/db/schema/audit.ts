import { bigint, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { at } from './columns.ts';

export type AuditActorKind = 'user' | 'guest' | 'system';

/**
 * The audit trail: one hash chain per workspace. Each event's hash is SHA-256 of the
 * previous event's hash and the canonical JSON of every other column (audit/canonical.ts),
 * so changing, removing or reordering any row breaks the chain at that row. A trigger
 * (migration 0010) refuses UPDATE, DELETE and TRUNCATE. No foreign keys: the trail outlives
 * what it describes.
 */
export const auditEvent = pgTable(
	'audit_event',
	{
		workspaceId: uuid().notNull(),
		seq: bigint({ mode: 'number' }).notNull(),
		at: at().notNull(),
		type: text().notNull(),
		actorId: uuid(),
		actorKind: text().$type<AuditActorKind>().notNull(),
		actorName: text().notNull(),
		proofId: uuid(),
		subject: text().notNull(),
		data: jsonb().$type<Record<string, unknown>>().notNull(),
		prevHash: text().notNull(),
		hash: text().notNull()
	},
	(t) => [primaryKey({ columns: [t.workspaceId, t.seq] }), index().on(t.proofId, t.seq), index().on(t.workspaceId, t.type, t.seq), index().on(t.subject, t.seq)]
);

/**
 * The newest event of each workspace's chain, written with it: deleting the last events
 * leaves the head pointing past the end, which `audit verify` reports. Its trigger lets a
 * head only advance by one event at a time.
 */
export const auditHead = pgTable('audit_head', {
	workspaceId: uuid().primaryKey(),
	seq: bigint({ mode: 'number' }).notNull(),
	hash: text().notNull()
});
