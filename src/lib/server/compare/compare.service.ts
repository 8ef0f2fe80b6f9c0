import { buffer } from 'node:stream/consumers';
import { DomainError } from '#lib/shared/errors.ts';
import type { Actor } from '../auth/actor.ts';
import type { AssetService } from '../assets/asset.service.ts';
import type { Storage } from '../storage/storage.ts';
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
 * answer is kept in storage beside the later version and computed once.
 */
export function createCompareService(deps: { assets: AssetService; storage: Storage }) {
	const { assets, storage } = deps;
	const memo = new Map<string, Promise<CompareResult>>();

	async function compute(actor: Actor, before: string, after: string, page: number | null): Promise<CompareResult> {
		const [a, b] = await Promise.all([assets.version(actor, before), assets.version(actor, after)]);
		if (a.asset.workspaceId !== b.asset.workspaceId) throw new DomainError('invalid', 'Compare versions from one workspace.');
		if (a.version.kind !== b.version.kind) throw new DomainError('invalid', `A ${a.version.kind} cannot be compared with a ${b.version.kind}.`);
		const kind = a.version.kind;
		if (kind !== 'image' && kind !== 'pdf') throw new DomainError('invalid', 'Difference highlighting works on images and PDF pages; play videos side by side instead.');
		const key = `ws/${b.asset.workspaceId}/${after}/compare/${before}-${page ?? 0}.json`;
		if ((await storage.size(key)) !== null) return JSON.parse((await buffer(await storage.get(key))).toString('utf8')) as CompareResult;
		const started = performance.now();
		const read = async (f: { open: () => Promise<NodeJS.ReadableStream> }) => buffer(await f.open());
		const [imgA, imgB] = (
			kind === 'image'
				? await Promise.all([assets.rendition(actor, before, 'preview'), assets.rendition(actor, after, 'preview')].map(async (p) => read(await p)))
				: await Promise.all([assets.page(actor, before, page ?? 1), assets.page(actor, after, page ?? 1)].map(async (p) => read(await p)))
		) as [Buffer, Buffer];
		const diff = await imageDiff(imgA, imgB);
		const words = kind === 'pdf' ? wordDiff(a.version.textContent ?? '', b.version.textContent ?? '') : null;
		const result: CompareResult = { before, after, page: kind === 'pdf' ? (page ?? 1) : null, regions: diff.regions, changed: diff.changed, words, ms: Math.round(performance.now() - started) };
		await storage.putBuffer(key, Buffer.from(JSON.stringify(result)));
		return result;
	}

	return {
		/** `before` and `after` are version ids; `page` for PDFs (default 1). */
		async diff(actor: Actor, before: string, after: string, page: number | null = null) {
			// Access is checked on every call; only the computation is shared.
			await Promise.all([assets.version(actor, before), assets.version(actor, after)]);
			const id = `${before}:${after}:${page ?? 0}`;
			let p = memo.get(id);
			if (!p) {
				p = compute(actor, before, after, page);
				memo.set(id, p);
				p.catch(() => memo.delete(id));
				if (memo.size > 500) memo.delete(memo.keys().next().value!);
			}
			return p;
		}
	};
}

export type CompareService = ReturnType<typeof createCompareService>;
