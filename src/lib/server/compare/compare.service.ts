import { buffer } from 'node:stream/consumers';
import { DomainError } from '#lib/shared/errors.ts';
import type { Actor } from '../auth/actor.ts';
import type { AssetService } from '../assets/asset.service.ts';
import type { Storage } from '../storage/storage.ts';
import type { AssetVersion } from '../db/schema/index.ts';
import type { Repositories } from '../db/repositories.ts';
import { imageDiff, wordDiff, type Box, type WordOp } from './diff.ts';

export type CompareResult = {
	before: string;
	after: string;
	page: number | null;
	/** Changed regions of the later rendering, page-relative 0–1. */
	regions: Box[];
	/** Share of pixels that changed. */
	changed: number;
	/** PDFs: the words added and removed across the document. */
	words: { ops: WordOp[]; added: number; removed: number } | null;
	ms: number;
};

/**
 * Differences between two versions: boxes around what changed at preview size (images,
 * PDF pages) and, for PDFs, the words added and removed. Versions never change, so each
 * answer is kept in storage beside the later version and computed once — by the
 * `precompute-compare` job as soon as a new version is processed (against the one before),
 * or on first request for any other pair.
 */
export function createCompareService(deps: {
	assets: AssetService;
	repos: Repositories;
	storage: Storage;
	ensurePage: (versionId: string, n: number) => Promise<{ key: string } | null>;
	log?: (msg: string) => void;
}) {
	const { assets, repos, storage } = deps;
	const memo = new Map<string, Promise<CompareResult>>();

	/** The rendering compared: the preview of an image, the page of a PDF. */
	async function picture(v: AssetVersion, page: number | null): Promise<Buffer> {
		const key =
			v.kind === 'pdf'
				? (await deps.ensurePage(v.id, page ?? 1))?.key
				: (await repos.assets.renditions(v.id)).find((r) => r.name === 'preview')?.key;
		if (!key) throw new DomainError('not_found', v.kind === 'pdf' ? `Version ${v.number} has no page ${page ?? 1}.` : `Version ${v.number} has no preview yet.`);
		return buffer(await storage.get(key));
	}

	async function compute(a: AssetVersion, b: AssetVersion, page: number | null): Promise<CompareResult> {
		if (a.workspaceId !== b.workspaceId) throw new DomainError('invalid', 'Compare versions from one workspace.');
		if (a.kind !== b.kind) throw new DomainError('invalid', `A ${a.kind} cannot be compared with a ${b.kind}.`);
		if (a.kind !== 'image' && a.kind !== 'pdf') throw new DomainError('invalid', 'Difference highlighting works on images and PDF pages; play videos side by side instead.');
		if (a.status !== 'ready' || b.status !== 'ready') throw new DomainError('conflict', 'Both versions must be processed before they can be compared.');
		const key = `ws/${b.workspaceId}/${b.id}/compare/${a.id}-${page ?? 0}.json`;
		if ((await storage.size(key)) !== null) return JSON.parse((await buffer(await storage.get(key))).toString('utf8')) as CompareResult;
		const started = performance.now();
		const [imgA, imgB] = await Promise.all([picture(a, page), picture(b, page)]);
		const diff = await imageDiff(imgA, imgB);
		const words = a.kind === 'pdf' ? wordDiff(a.textContent ?? '', b.textContent ?? '') : null;
		const result: CompareResult = { before: a.id, after: b.id, page: a.kind === 'pdf' ? (page ?? 1) : null, regions: diff.regions, changed: diff.changed, words, ms: Math.round(performance.now() - started) };
		await storage.putBuffer(key, Buffer.from(JSON.stringify(result)));
		return result;
	}

	/** One computation per pair and page at a time, however many ask. */
	function shared(a: AssetVersion, b: AssetVersion, page: number | null) {
		const id = `${a.id}:${b.id}:${page ?? 0}`;
		let p = memo.get(id);
		if (!p) {
			p = compute(a, b, page);
			memo.set(id, p);
			p.catch(() => memo.delete(id));
			if (memo.size > 500) memo.delete(memo.keys().next().value!);
		}
		return p;
	}

	return {
		/** `before` and `after` are version ids; `page` for PDFs (default 1). Access is checked on every call. */
		async diff(actor: Actor, before: string, after: string, page: number | null = null) {
			const [a, b] = await Promise.all([assets.version(actor, before), assets.version(actor, after)]);
			return shared(a.version, b.version, page);
		},

		/**
		 * The `precompute-compare` job: a newly processed version against the version before it
		 * (the comparison reviewers open first), first page for PDFs. Nothing to do for other
		 * kinds or a first version; a failure only means the first viewer computes it.
		 */
		async precompute(versionId: string) {
			const b = await repos.assets.versionById(versionId);
			if (!b || b.status !== 'ready' || (b.kind !== 'image' && b.kind !== 'pdf')) return null;
			const earlier = (await repos.assets.versions(b.assetId)).map((r) => r.version).filter((v) => v.number < b.number && v.status === 'ready' && v.kind === b.kind);
			const a = earlier.sort((x, y) => y.number - x.number)[0];
			if (!a) return null;
			try {
				return await shared(a, b, b.kind === 'pdf' ? 1 : null);
			} catch (e) {
				deps.log?.(`compare: precomputing ${a.id} → ${b.id} failed: ${e instanceof Error ? e.message : String(e)}`);
				return null;
			}
		}
	};
}

export type CompareService = ReturnType<typeof createCompareService>;
