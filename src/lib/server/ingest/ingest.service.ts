import type { Repositories } from '../db/repositories.ts';
import type { Storage } from '../storage/storage.ts';
import { explain, processImage, type RenditionOut } from './image.ts';
import { processPdf, renderPdfPage } from './pdf.ts';
import { processAudio, processVideo } from './media.ts';
import { processSvg } from './svg.ts';
import { readFile } from 'node:fs/promises';

/**
 * Turns a stored original into metadata and renditions. Runs as the `ingest-version` job;
 * a failure marks the version failed with a reason and touches nothing else.
 */
export function createIngestService(deps: { repos: Repositories; storage: Storage; ffmpeg: string; now: () => Date; log?: (m: string) => void }) {
	const { repos, storage } = deps;

	async function saveRenditions(workspaceId: string, versionId: string, list: RenditionOut[]) {
		const rows = [];
		for (const r of list) {
			const stored = await storage.putBuffer(`ws/${workspaceId}/${versionId}/r/${r.name}.${r.ext}`, r.data);
			rows.push({ versionId, name: r.name, key: stored.key, mime: r.mime, width: r.width, height: r.height, size: stored.size });
		}
		await repos.assets.replaceRenditions(versionId, rows);
	}

	return {
		/** A PDF page's rendition, rendered now if ingest did not (long documents render lazily). */
		async ensurePage(versionId: string, n: number) {
			const v = await repos.assets.versionById(versionId);
			if (!v || v.kind !== 'pdf' || v.status !== 'ready') return null;
			const pageCount = Number(v.metadata.pageCount ?? 0);
			if (!Number.isInteger(n) || n < 1 || n > pageCount) return null;
			const name = `page-${n}`;
			const existing = (await repos.assets.renditions(v.id)).find((r) => r.name === name);
			if (existing) return existing;
			const file = await storage.localPath(v.fileKey);
			try {
				const page = await renderPdfPage(file.path, n);
				if (!page) return null;
				const stored = await storage.putBuffer(`ws/${v.workspaceId}/${v.id}/r/${name}.${page.ext}`, page.data);
				const row = { versionId: v.id, name, key: stored.key, mime: page.mime, width: page.width, height: page.height, size: stored.size };
				await repos.assets.addRendition(row);
				return row;
			} finally {
				await file.release();
			}
		},

		async process(versionId: string) {
			const v = await repos.assets.versionById(versionId);
			if (!v) return;
			const file = await storage.localPath(v.fileKey);
			try {
				let metadata: Record<string, unknown> = {};
				let textContent: string | null = null;
				if (v.mime === 'image/svg+xml') {
					const result = await processSvg(await readFile(file.path));
					await saveRenditions(v.workspaceId, v.id, result.renditions);
					metadata = result.metadata;
				} else if (v.kind === 'image') {
					const result = await processImage(file.path);
					await saveRenditions(v.workspaceId, v.id, result.renditions);
					metadata = result.metadata;
				} else if (v.kind === 'pdf') {
					const result = await processPdf(file.path);
					await saveRenditions(v.workspaceId, v.id, result.renditions);
					metadata = result.metadata;
					textContent = result.text;
				} else if (v.kind === 'video' || v.kind === 'audio') {
					const result = v.kind === 'video' ? await processVideo(deps.ffmpeg, file.path) : await processAudio(deps.ffmpeg, file.path);
					await saveRenditions(v.workspaceId, v.id, result.renditions);
					metadata = result.metadata;
				}
				await repos.assets.setVersionResult(v.id, { status: 'ready', metadata, textContent, failureReason: null, processedAt: deps.now() });
				await repos.search.refresh(v.assetId);
			} catch (e) {
				deps.log?.(`ingest ${versionId}: ${e instanceof Error ? e.message : String(e)}`);
				await repos.assets.setVersionResult(v.id, { status: 'failed', failureReason: explain(e), processedAt: deps.now() });
			} finally {
				await file.release();
			}
		}
	};
}

export type IngestService = ReturnType<typeof createIngestService>;
