import { and, asc, desc, eq, exists, inArray, isNull, lte, notExists, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { asset, assetVersion, checklistTick, proof, proofDecision, proofStage, proofTemplate, proofVersion, stageReviewer } from '../db/schema/index.ts';
import type { ProofStatus } from '#lib/shared/proofs.ts';

export type ProofRow = typeof proof.$inferSelect;
export type StageRow = typeof proofStage.$inferSelect;
export type ReviewerRow = typeof stageReviewer.$inferSelect;
export type DecisionRow = typeof proofDecision.$inferSelect;
export type ProofVersionRow = typeof proofVersion.$inferSelect;

export const createProofRepository = (db: Db) => ({
	insert: async (row: typeof proof.$inferInsert) => (await db.insert(proof).values(row).returning())[0]!,
	insertVersions: (rows: (typeof proofVersion.$inferInsert)[]) => db.insert(proofVersion).values(rows),
	insertStage: async (row: typeof proofStage.$inferInsert) => (await db.insert(proofStage).values(row).returning())[0]!,
	insertReviewers: (rows: (typeof stageReviewer.$inferInsert)[]) => db.insert(stageReviewer).values(rows).returning(),
	insertDecision: async (row: typeof proofDecision.$inferInsert) => (await db.insert(proofDecision).values(row).returning())[0]!,

	ticks: (proofId: string) =>
		db
			.select({ stageId: checklistTick.stageId, reviewerId: checklistTick.reviewerId, item: checklistTick.item })
			.from(checklistTick)
			.innerJoin(proofStage, eq(proofStage.id, checklistTick.stageId))
			.where(eq(proofStage.proofId, proofId)),
	tick: (row: typeof checklistTick.$inferInsert) => db.insert(checklistTick).values(row).onConflictDoNothing(),
	untick: (stageId: string, reviewerId: string, item: number) =>
		db.delete(checklistTick).where(and(eq(checklistTick.stageId, stageId), eq(checklistTick.reviewerId, reviewerId), eq(checklistTick.item, item))),

	templates: (workspaceId: string) => db.select().from(proofTemplate).where(eq(proofTemplate.workspaceId, workspaceId)).orderBy(asc(proofTemplate.name)),
	templateById: async (id: string) => (await db.select().from(proofTemplate).where(eq(proofTemplate.id, id)))[0],
	insertTemplate: async (row: typeof proofTemplate.$inferInsert) => (await db.insert(proofTemplate).values(row).onConflictDoNothing().returning())[0],
	deleteTemplate: (id: string) => db.delete(proofTemplate).where(eq(proofTemplate.id, id)),

	reviewerById: async (id: string) => (await db.select().from(stageReviewer).where(eq(stageReviewer.id, id)))[0],
	reviewerByInvite: async (hash: string) => (await db.select().from(stageReviewer).where(eq(stageReviewer.inviteHash, hash)))[0],
	updateReviewer: (id: string, patch: Partial<typeof stageReviewer.$inferInsert>) => db.update(stageReviewer).set(patch).where(eq(stageReviewer.id, id)),
	stageById: async (id: string) => (await db.select().from(proofStage).where(eq(proofStage.id, id)))[0],
	/** Open stages with a due date before `until` whose reminder of that kind has not gone out. */
	dueStages: (until: Date, kind: 'soon' | 'overdue') =>
		db
			.select({ stage: proofStage, proof })
			.from(proofStage)
			.innerJoin(proof, eq(proof.id, proofStage.proofId))
			.where(
				and(
					eq(proofStage.status, 'open'),
					lte(proofStage.dueAt, until),
					kind === 'soon' ? isNull(proofStage.remindedSoonAt) : isNull(proofStage.remindedOverdueAt)
				)
			),
	byId: async (id: string) => (await db.select().from(proof).where(eq(proof.id, id)))[0],
	/** The proof row locked to the end of the transaction: decisions on one proof take turns. */
	lock: async (id: string) => (await db.select().from(proof).where(eq(proof.id, id)).for('update'))[0],
	update: (id: string, patch: Partial<typeof proof.$inferInsert>) => db.update(proof).set(patch).where(eq(proof.id, id)),
	updateStage: (id: string, patch: Partial<typeof proofStage.$inferInsert>) => db.update(proofStage).set(patch).where(eq(proofStage.id, id)),
	setCurrentVersion: async (proofId: string, assetId: string, versionId: string, round: number) => {
		await db
			.update(proofVersion)
			.set({ current: false })
			.where(and(eq(proofVersion.proofId, proofId), eq(proofVersion.assetId, assetId)));
		await db.insert(proofVersion).values({ proofId, versionId, assetId, round, current: true });
	},

	/** The proof's versions with their asset's title and the version number, oldest first. */
	versions: (proofId: string) =>
		db
			.select({
				versionId: proofVersion.versionId,
				assetId: proofVersion.assetId,
				round: proofVersion.round,
				current: proofVersion.current,
				number: assetVersion.number,
				title: asset.title,
				kind: asset.kind,
				status: assetVersion.status
			})
			.from(proofVersion)
			.innerJoin(assetVersion, eq(assetVersion.id, proofVersion.versionId))
			.innerJoin(asset, eq(asset.id, proofVersion.assetId))
			.where(eq(proofVersion.proofId, proofId))
			.orderBy(asc(asset.title), asc(assetVersion.number)),
	stages: (proofId: string) => db.select().from(proofStage).where(eq(proofStage.proofId, proofId)).orderBy(asc(proofStage.position)),
	reviewers: (proofId: string) => db.select().from(stageReviewer).where(eq(stageReviewer.proofId, proofId)).orderBy(asc(stageReviewer.email)),
	decisions: (proofId: string) => db.select().from(proofDecision).where(eq(proofDecision.proofId, proofId)).orderBy(asc(proofDecision.id)),

	/** Open proofs that hold a version of this asset. */
	openWithAsset: (assetId: string) =>
		db
			.selectDistinct({ id: proof.id })
			.from(proof)
			.innerJoin(proofVersion, eq(proofVersion.proofId, proof.id))
			.where(and(eq(proofVersion.assetId, assetId), inArray(proof.status, ['in_review', 'changes_required']))),

	/**
	 * Proofs in the given workspaces, newest first. `assignedTo`: only those waiting for the
	 * user's decision (an open stage they review, with a current version they have not decided on).
	 */
	list: (f: { workspaceIds: string[]; status?: ProofStatus; assignedTo?: string; limit: number }) => {
		if (!f.workspaceIds.length) return Promise.resolve([] as ProofRow[]);
		const where: SQL[] = [inArray(proof.workspaceId, f.workspaceIds)];
		if (f.status) where.push(eq(proof.status, f.status));
		if (f.assignedTo) {
			where.push(
				exists(
					db
						.select({ one: sql`1` })
						.from(stageReviewer)
						.innerJoin(proofStage, eq(proofStage.id, stageReviewer.stageId))
						.where(
							and(
								eq(stageReviewer.proofId, proof.id),
								eq(stageReviewer.userId, f.assignedTo),
								eq(proofStage.status, 'open'),
								// …and a current version still waits for this reviewer's decision.
								exists(
									db
										.select({ one: sql`1` })
										.from(proofVersion)
										.where(
											and(
												eq(proofVersion.proofId, proof.id),
												eq(proofVersion.current, true),
												notExists(
													db
														.select({ one: sql`1` })
														.from(proofDecision)
														.where(and(eq(proofDecision.reviewerId, stageReviewer.id), eq(proofDecision.versionId, proofVersion.versionId)))
												)
											)
										)
								)
							)
						)
				)
			);
		}
		return db
			.select()
			.from(proof)
			.where(and(...where))
			.orderBy(desc(proof.createdAt))
			.limit(f.limit);
	}
});

export type ProofRepository = ReturnType<typeof createProofRepository>;
