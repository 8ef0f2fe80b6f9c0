import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import sharp from 'sharp';
import * as Y from 'yjs';
import { DomainError } from '#lib/shared/errors.ts';
import type { Storage } from '../storage/storage.ts';
import type { Access } from '../access/access.ts';
import { detectType } from '../ingest/file-type.ts';
import { MAX_PIXELS } from '../ingest/image.ts';
import type { Repositories } from '../db/repositories.ts';
import type { AssetService } from '../assets/asset.service.ts';
import type { Actor } from '../auth/actor.ts';
import { SYSTEM, type AuditService } from '../audit/audit.service.ts';
import { readAnnotations, type Annotations } from '#lib/shared/markup.ts';
import { MarkupDoc } from '#lib/shared/markup-doc.ts';
import { parse } from '#lib/shared/validate.ts';
import { markReadInput, notificationsQuery } from '#lib/shared/review-schemas.ts';
import type { CommentRow, NotificationRow, ThreadRow } from './review.repository.ts';
import { excerpt } from '../notifications/templates.ts';

export const reviewDocName = (versionId: string) => `version:${versionId}`;

/** Rebuilds the doc a review room holds from what is stored: the snapshot and every logged update after it. */
async function loadDoc(repos: Repositories, versionId: string) {
	const { state, updates } = await repos.collab.load(reviewDocName(versionId));
	const doc = new Y.Doc();
	if (state) Y.applyUpdate(doc, state);
	for (const u of updates) Y.applyUpdate(doc, u.update);
	return doc;
}

/** Threads with their mark and comments, as the API and reports show them. */
function present(a: Annotations) {
	const marks = new Map(a.marks.map((m) => [m.id, m]));
	const comments = Map.groupBy(a.comments, (c) => c.threadId);
	const threads = a.threads.map((t) => ({
		...t,
		mark: t.markId ? (marks.get(t.markId) ?? null) : null,
		comments: (comments.get(t.id) ?? []).map((c) => (c.deleted ? { ...c, body: '' } : c))
	}));
	return {
		counts: { threads: threads.length, open: threads.filter((t) => !t.resolved).length, resolved: threads.filter((t) => t.resolved).length, marks: a.marks.length },
		marks: a.marks,
		threads
	};
}

/** Reference images: at most this large as uploaded, and re-encoded to fit this box. */
// Under the 10 MiB limit every non-upload request body has (bin/body-limits.ts).
export const ATTACHMENT_MAX_BYTES = 8 * 1024 * 1024;
const ATTACHMENT_BOX = 2048;

async function readAll(stream: Readable | AsyncIterable<Uint8Array>, max: number) {
	const parts: Uint8Array[] = [];
	let size = 0;
	for await (const chunk of stream) {
		size += chunk.length;
		if (size > max) throw new DomainError('too_large', `A reference image may be at most ${max / 1024 / 1024} MB.`);
		parts.push(chunk);
	}
	return Buffer.concat(parts);
}

export function createReviewService(deps: { repos: Repositories; assets: AssetService; access: Access; storage: Storage; now: () => Date; audit?: Pick<AuditService, 'log'> }) {
	const { repos } = deps;
	return {
		/**
		 * A reference image for a comment. Only images, told by their bytes; decoded with the
		 * same limits as ingest and re-encoded as WebP without metadata, so what is served was
		 * made here (no GPS, no payload riding along in a polyglot file).
		 */
		async attach(actor: Actor, versionId: string, file: { name: string; stream: Readable | AsyncIterable<Uint8Array> }) {
			const { asset, version } = await deps.assets.version(actor, versionId);
			await deps.access.require(actor, 'collab.write', asset.workspaceId);
			const bytes = await readAll(file.stream, ATTACHMENT_MAX_BYTES);
			const detected = await detectType(bytes.subarray(0, 64 * 1024));
			if (detected.kind !== 'image' || detected.mime === 'image/svg+xml') {
				throw new DomainError('unsupported_media_type', 'Attach a JPEG, PNG, WebP, GIF, AVIF or TIFF image.');
			}
			let out: { data: Buffer; info: { width: number; height: number } };
			try {
				out = await sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'warning', animated: false })
					.rotate()
					.resize({ width: ATTACHMENT_BOX, height: ATTACHMENT_BOX, fit: 'inside', withoutEnlargement: true })
					.toColourspace('srgb')
					.webp({ quality: 85 })
					.toBuffer({ resolveWithObject: true });
			} catch (e) {
				throw new DomainError('unsupported_media_type', `The image could not be read: ${e instanceof Error ? e.message : 'it may be corrupt'}.`);
			}
			const id = randomUUID();
			const storageKey = `ws/${asset.workspaceId}/${version.id}/attachments/${id}.webp`;
			const stored = await deps.storage.putBuffer(storageKey, out.data);
			const name = (file.name || 'image').replace(/[\u0000-\u001f\\/]/g, '_').slice(0, 200);
			const row = await repos.review.insertAttachment({ id, versionId: version.id, workspaceId: asset.workspaceId, uploaderId: actor.user.id, name, storageKey, size: stored.size, width: out.info.width, height: out.info.height });
			return { id: row.id, name: row.name, width: row.width, height: row.height, size: row.size, url: `/api/v1/attachments/${row.id}` };
		},

		/** An attachment's bytes, for anyone who may read its version. */
		async attachment(actor: Actor, id: string) {
			const row = await repos.review.attachmentById(id);
			if (!row) throw new DomainError('not_found', 'Attachment not found.');
			await deps.assets.version(actor, row.versionId);
			const base = row.name.replace(/\.[^.]*$/, '') || 'image';
			return { size: row.size, mime: 'image/webp', name: `${base}.webp`, open: (range?: { start: number; end: number }) => deps.storage.get(row.storageKey, range) };
		},

		/** The current marks and threads of a version's review room. */
		async annotations(actor: Actor, versionId: string) {
			const { asset, version } = await deps.assets.version(actor, versionId);
			const doc = await loadDoc(repos, versionId);
			try {
				return { versionId: version.id, assetId: asset.id, ...present(readAnnotations(doc)) };
			} finally {
				doc.destroy();
			}
		},

		/**
		 * Writes a review room's threads and comments to their tables and notifies people
		 * mentioned for the first time. Called by the collab server after changes settle; the
		 * document stays the source of truth, so a lost projection is redone by the next one.
		 */
		async project(versionId: string, doc: Y.Doc) {
			const version = await repos.assets.versionById(versionId);
			const asset = version && (await repos.assets.assetById(version.assetId));
			if (!version || !asset) return { notified: 0 };
			const a = readAnnotations(doc);
			const marks = new Map(a.marks.map((m) => [m.id, m]));
			const counted = Map.groupBy(
				a.comments.filter((c) => !c.deleted),
				(c) => c.threadId
			);
			const threads: ThreadRow[] = a.threads.map((t) => ({
				versionId,
				threadId: t.id,
				workspaceId: asset.workspaceId,
				markId: t.markId,
				markKind: t.markId ? (marks.get(t.markId)?.kind ?? null) : null,
				page: t.page,
				time: t.time,
				resolved: t.resolved,
				authorId: t.author,
				createdAt: new Date(t.createdAt),
				resolvedAt: t.resolvedAt ? new Date(t.resolvedAt) : null,
				resolvedBy: t.resolvedBy,
				commentCount: counted.get(t.id)?.length ?? 0
			}));
			const comments: CommentRow[] = a.comments.map((c) => ({
				versionId,
				commentId: c.id,
				threadId: c.threadId,
				workspaceId: asset.workspaceId,
				authorId: c.author,
				authorName: c.authorName,
				body: c.deleted ? '' : c.body,
				mentions: c.mentions,
				createdAt: new Date(c.createdAt),
				editedAt: c.editedAt ? new Date(c.editedAt) : null,
				deleted: c.deleted
			}));
			const wasResolved = new Set(await repos.review.resolvedThreadIds(versionId));
			await repos.review.replaceProjection(versionId, threads, comments);
			// Resolving a thread is a decision about the work: it goes in the audit trail.
			for (const t of a.threads.filter((x) => x.resolved && !wasResolved.has(x.id))) {
				const who = t.resolvedBy ? ((await repos.users.byId(t.resolvedBy)) ?? (await repos.proofs.reviewerById(t.resolvedBy))) : undefined;
				await deps.audit?.log({
					workspaceId: asset.workspaceId,
					type: 'thread.resolved',
					actor: who ? { id: who.id, kind: 'userId' in who ? 'guest' : 'user', name: who.name } : SYSTEM,
					subject: `thread:${versionId}:${t.id}`,
					data: { versionId, assetId: asset.id, asset: asset.title, version: version.number, threadId: t.id, page: t.page, time: t.time, comments: counted.get(t.id)?.length ?? 0 }
				});
			}

			const members = new Set((await repos.workspaces.members(asset.workspaceId)).map((m) => m.userId));
			const notes: NotificationRow[] = a.comments
				.filter((c) => !c.deleted)
				.flatMap((c) =>
					c.mentions
						.filter((userId) => userId !== c.author && members.has(userId))
						.map((userId) => ({
							userId,
							workspaceId: asset.workspaceId,
							kind: 'mention' as const,
							sourceKey: c.id,
							data: { versionId, assetId: asset.id, assetTitle: asset.title, versionNumber: version.number, threadId: c.threadId, commentId: c.id, by: c.authorName, excerpt: excerpt(c.body) }
						}))
				);
			// A reply tells the thread's author, unless they were mentioned in it already.
			const threadAuthor = new Map(a.threads.map((t) => [t.id, t.author]));
			const mentioned = new Set(notes.map((n) => `${n.userId}:${n.sourceKey}`));
			for (const c of a.comments) {
				const to = threadAuthor.get(c.threadId);
				if (c.deleted || !to || to === c.author || !members.has(to) || mentioned.has(`${to}:${c.id}`)) continue;
				notes.push({
					userId: to,
					workspaceId: asset.workspaceId,
					kind: 'reply',
					sourceKey: c.id,
					data: { versionId, assetId: asset.id, assetTitle: asset.title, versionNumber: version.number, threadId: c.threadId, commentId: c.id, by: c.authorName, excerpt: excerpt(c.body) }
				});
			}
			return { notified: (await repos.review.notify(notes)).length };
		},

		/**
		 * Copies the unresolved threads of one version's room (each with its mark and
		 * comments, same ids and page-relative places) into another's, marked as carried from
		 * it: the next round of a proof starts where the last one left off. Appended to the
		 * update log as one update, then projected.
		 */
		async carryOver(fromVersionId: string, toVersionId: string) {
			const [from, to] = await Promise.all([repos.assets.versionById(fromVersionId), repos.assets.versionById(toVersionId)]);
			if (!from || !to) return 0;
			const source = await loadDoc(repos, fromVersionId);
			const a = readAnnotations(source);
			source.destroy();
			const open = a.threads.filter((t) => !t.resolved);
			if (!open.length) return 0;
			const marks = new Map(a.marks.map((m) => [m.id, m]));
			const target = new Y.Doc();
			const m = new MarkupDoc(target);
			m.write(() => {
				for (const t of open) {
					m.put({ ...t, carriedFrom: { versionId: from.id, number: from.number, threadId: t.id }, addressed: null, addressedBy: null, addressedAt: null });
					const mark = t.markId ? marks.get(t.markId) : undefined;
					if (mark) m.put(mark);
					for (const c of a.comments) if (c.threadId === t.id) m.put(c);
				}
			});
			await repos.collab.append(reviewDocName(toVersionId), Y.encodeStateAsUpdate(target));
			target.destroy();
			const merged = await loadDoc(repos, toVersionId);
			try {
				await this.project(toVersionId, merged);
			} finally {
				merged.destroy();
			}
			return open.length;
		},

		/** Review rooms with comments in a workspace, for its Reviews page. */
		async rooms(actor: Actor, workspaceId: string) {
			await deps.access.require(actor, 'asset.read', workspaceId);
			const rows = await repos.review.rooms(workspaceId);
			const thumbs = new Map((await repos.assets.renditionsFor(rows.map((r) => r.versionId))).filter((r) => r.name === 'thumb').map((r) => [r.versionId, r]));
			return rows.map((r) => ({ ...r, thumb: thumbs.has(r.versionId) ? `/api/v1/versions/${r.versionId}/renditions/thumb` : null }));
		},

		async notifications(actor: Actor, query: unknown = {}) {
			const q = parse(notificationsQuery, query);
			const [items, unread] = await Promise.all([
				repos.review.notifications(actor.user.id, { unreadOnly: q.unread, limit: q.limit }),
				repos.review.unreadCount(actor.user.id)
			]);
			return { unread, items };
		},

		async markRead(actor: Actor, input: unknown) {
			const body = parse(markReadInput, input);
			const ids = 'ids' in body ? body.ids : 'all';
			return { marked: (await repos.review.markRead(actor.user.id, ids, deps.now())).length };
		}
	};
}

export type ReviewService = ReturnType<typeof createReviewService>;
