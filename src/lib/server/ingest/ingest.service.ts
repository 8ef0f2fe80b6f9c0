import type { Repositories } from '../db/repositories.ts';
import type { Storage } from '../storage/storage.ts';
import { explain, processImage, type RenditionOut } from './image.ts';

/**
 * Turns a stored original into metadata and renditions. Runs as the `ingest-version` job;
 * a failure marks the version failed with a reason and touches nothing else.
 */
export function createIngestService(deps: { repos: Repositories; storage: Storage; now: () => Date; log?: (m: string) => void }) {
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
		async process(versionId: string) {
			const v = await repos.assets.versionById(versionId);
			if (!v) return;
			const file = await storage.localPath(v.fileKey);
			try {
				let metadata: Record<string, unknown> = {};
				// SVG is rasterised only once it can be sanitised; until then it stays an attachment.
				if (v.kind === 'image' && v.mime !== 'image/svg+xml') {
					const result = await processImage(file.path);
					await saveRenditions(v.workspaceId, v.id, result.renditions);
					metadata = result.metadata;
				}
				await repos.assets.setVersionResult(v.id, { status: 'ready', metadata, failureReason: null, processedAt: deps.now() });
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
