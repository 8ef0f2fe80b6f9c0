import { buffer } from 'node:stream/consumers';
import { describeEvent } from '#lib/shared/audit-words.ts';
import type { Actor } from '../auth/actor.ts';
import type { AssetService } from '../assets/asset.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Repositories } from '../db/repositories.ts';
import type { ReviewService } from '../review/review.service.ts';
import type { ProofService } from './proof.service.ts';
import { reportHtml, reportPdf, type ReportData } from './report.ts';

/**
 * A proof's journey for later audits, as printable HTML and as PDF: each version with its
 * thumbnail, marks and threads, every decision with who and when, the stage timeline, the
 * proof's audit events, and the hash of the newest one, which ties the report to the chain.
 */
export function createReportService(deps: { repos: Repositories; proofs: ProofService; review: ReviewService; assets: AssetService; audit: AuditService; now: () => Date }) {
	async function gather(actor: Actor, proofId: string): Promise<ReportData> {
		const proof = await deps.proofs.get(actor, proofId);
		const [ws, creator] = await Promise.all([deps.repos.workspaces.byId(proof.workspaceId), proof.createdBy ? deps.repos.users.byId(proof.createdBy) : undefined]);
		const versions = await Promise.all(
			proof.versions.map(async (v) => {
				const ann = await deps.review.annotations(actor, v.versionId);
				const thumb = await deps.assets
					.rendition(actor, v.versionId, 'thumb-jpeg')
					.then(async (f) => new Uint8Array(await buffer(await f.open())))
					.catch(() => null);
				return {
					...v,
					thumb,
					threads: ann.threads.map((t) => ({
						id: t.id,
						page: t.page,
						time: t.time,
						resolved: t.resolved,
						addressed: t.addressed ?? null,
						carriedFrom: t.carriedFrom ?? null,
						markKind: t.mark?.kind ?? null,
						comments: t.comments
					}))
				};
			})
		);
		const rows = [];
		let cursor: string | undefined;
		do {
			const page = await deps.audit.list(actor, { proofId, cursor, limit: 500 });
			rows.push(...page.items);
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		rows.reverse();
		const events = rows.map((e) => ({
			seq: e.seq,
			at: e.at,
			type: e.type,
			actorName: e.actorName,
			actorKind: e.actorKind,
			summary: describeEvent({ seq: e.seq, at: e.at.toISOString(), type: e.type, actor: { id: e.actorId, kind: e.actorKind, name: e.actorName }, proofId: e.proofId, subject: e.subject, data: e.data })
		}));
		const last = rows.at(-1);
		return { proof, workspace: ws?.name ?? '', creator: creator?.name ?? 'someone', generatedAt: deps.now(), versions, events, last: last ? { seq: last.seq, hash: last.hash } : null };
	}

	return {
		html: async (actor: Actor, proofId: string) => reportHtml(await gather(actor, proofId)),
		pdf: async (actor: Actor, proofId: string) => reportPdf(await gather(actor, proofId)),
		title: async (actor: Actor, proofId: string) => (await deps.proofs.get(actor, proofId)).title
	};
}

export type ReportService = ReturnType<typeof createReportService>;
