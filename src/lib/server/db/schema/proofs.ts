import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, id } from './columns.ts';
import { asset, assetVersion } from './assets.ts';
import { user } from './users.ts';
import { workspace } from './workspaces.ts';
import type { Decision, ProofStatus, StageRule, StageStart, StageStatus } from '#lib/shared/proofs.ts';

/** A request for review of one or more asset versions through a workflow of stages. */
export const proof = pgTable(
	'proof',
	{
		id: id(),
		workspaceId: uuid()
			.notNull()
			.references(() => workspace.id, { onDelete: 'cascade' }),
		title: text().notNull(),
		status: text().$type<ProofStatus>().notNull(),
		round: integer().notNull().default(1),
		createdBy: uuid().references(() => user.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		closedAt: at()
	},
	(t) => [index().on(t.workspaceId, t.status, t.createdAt)]
);

/** The versions under review: one current version per asset, and those of earlier rounds. */
export const proofVersion = pgTable(
	'proof_version',
	{
		proofId: uuid()
			.notNull()
			.references(() => proof.id, { onDelete: 'cascade' }),
		versionId: uuid()
			.notNull()
			.references(() => assetVersion.id, { onDelete: 'cascade' }),
		assetId: uuid()
			.notNull()
			.references(() => asset.id, { onDelete: 'cascade' }),
		round: integer().notNull(),
		current: boolean().notNull()
	},
	(t) => [primaryKey({ columns: [t.proofId, t.versionId] }), index().on(t.assetId), index().on(t.versionId)]
);

export const proofStage = pgTable(
	'proof_stage',
	{
		id: id(),
		proofId: uuid()
			.notNull()
			.references(() => proof.id, { onDelete: 'cascade' }),
		position: integer().notNull(),
		name: text().notNull(),
		rule: text().$type<StageRule>().notNull(),
		quorum: integer(),
		start: text().$type<StageStart>().notNull(),
		dueAt: at(),
		status: text().$type<StageStatus>().notNull(),
		/** The outcome of the stage's latest round once it closed. */
		outcome: text().$type<Decision>(),
		/** The proof round this stage was last opened for; decisions count for it only. */
		round: integer().notNull().default(1),
		openedAt: at(),
		closedAt: at(),
		/** Items the stage's reviewers tick before deciding (brand colours checked, claims verified…). */
		checklist: jsonb().$type<string[]>().notNull().default([]),
		/** When the "due soon" and "overdue" reminders went out for the current due date. */
		remindedSoonAt: at(),
		remindedOverdueAt: at()
	},
	(t) => [uniqueIndex().on(t.proofId, t.position), index().on(t.status, t.dueAt)]
);

/** A reviewer of a stage: a workspace member, or a guest known by email. */
export const stageReviewer = pgTable(
	'stage_reviewer',
	{
		id: id(),
		stageId: uuid()
			.notNull()
			.references(() => proofStage.id, { onDelete: 'cascade' }),
		proofId: uuid()
			.notNull()
			.references(() => proof.id, { onDelete: 'cascade' }),
		userId: uuid().references(() => user.id, { onDelete: 'cascade' }),
		email: text().notNull(),
		name: text().notNull(),
		guest: boolean().notNull(),
		gatekeeper: boolean().notNull().default(false),
		/** A guest's link: only the SHA-256 of its token is kept, issued when the stage opens. */
		inviteHash: text(),
		invitedAt: at(),
		inviteExpiresAt: at(),
		revokedAt: at()
	},
	(t) => [uniqueIndex().on(t.stageId, t.email), index().on(t.userId), index().on(t.proofId), uniqueIndex().on(t.inviteHash)]
);

/**
 * Every decision ever made, oldest first: a changed decision is a new row, so the history
 * stays. The current one per reviewer, version and round is the newest.
 */
export const proofDecision = pgTable(
	'proof_decision',
	{
		id: bigserial({ mode: 'number' }).primaryKey(),
		proofId: uuid()
			.notNull()
			.references(() => proof.id, { onDelete: 'cascade' }),
		stageId: uuid()
			.notNull()
			.references(() => proofStage.id, { onDelete: 'cascade' }),
		reviewerId: uuid()
			.notNull()
			.references(() => stageReviewer.id, { onDelete: 'cascade' }),
		versionId: uuid()
			.notNull()
			.references(() => assetVersion.id, { onDelete: 'cascade' }),
		round: integer().notNull(),
		decision: text().$type<Decision>().notNull(),
		note: text().notNull().default(''),
		decidedAt: at().notNull()
	},
	(t) => [index().on(t.stageId, t.round, t.reviewerId, t.versionId, t.id), index().on(t.proofId, t.id)]
);

/** A reviewer's tick on a stage's checklist item (by its position in the list). */
export const checklistTick = pgTable(
	'checklist_tick',
	{
		stageId: uuid()
			.notNull()
			.references(() => proofStage.id, { onDelete: 'cascade' }),
		reviewerId: uuid()
			.notNull()
			.references(() => stageReviewer.id, { onDelete: 'cascade' }),
		item: integer().notNull(),
		tickedAt: at().notNull()
	},
	(t) => [primaryKey({ columns: [t.stageId, t.reviewerId, t.item] })]
);

/** A workspace's reusable workflow: the stages (as `POST /proofs` takes them) a proof starts from. */
export const proofTemplate = pgTable(
	'proof_template',
	{
		id: id(),
		workspaceId: uuid()
			.notNull()
			.references(() => workspace.id, { onDelete: 'cascade' }),
		name: text().notNull(),
		stages: jsonb().$type<unknown[]>().notNull(),
		createdBy: uuid().references(() => user.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex().on(t.workspaceId, t.name)]
);
