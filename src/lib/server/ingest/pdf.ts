import { Worker } from 'node:worker_threads';
import sharp from 'sharp';
import { IngestError, SIZES, type RenditionOut } from './image.ts';
import type { PdfJob, PdfResult } from './pdf-worker.ts';

/** Pages rendered at ingest; later pages are rendered when first asked for. */
export const EAGER_PAGES = 8;
const PAGE_SIDE = 1600;
const LIMITS = { ms: 60_000, memoryMb: 1024, textPages: 2000 };

export function runPdfWorker(job: PdfJob, timeoutMs = LIMITS.ms): Promise<PdfResult> {
	return new Promise((resolve, reject) => {
		const worker = new Worker(new URL('./pdf-worker.ts', import.meta.url), {
			workerData: job,
			resourceLimits: { maxOldGenerationSizeMb: LIMITS.memoryMb }
		});
		const timer = setTimeout(() => {
			void worker.terminate();
			reject(new IngestError(`The PDF took longer than ${timeoutMs / 1000} s to process and was stopped.`));
		}, timeoutMs);
		worker.once('message', (m: { ok: true; result: PdfResult } | { ok: false; error: string }) => {
			clearTimeout(timer);
			void worker.terminate();
			if (m.ok) resolve(m.result);
			else reject(new IngestError(`The PDF could not be read: ${m.error.slice(0, 200)}`));
		});
		worker.once('error', (e) => {
			clearTimeout(timer);
			reject(new IngestError(`The PDF could not be processed: ${e.message.slice(0, 200)}`));
		});
	});
}

const webp = async (png: Uint8Array, name: string, side?: number): Promise<RenditionOut> => {
	let img = sharp(png);
	if (side) img = img.resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true });
	const { data, info } = await img.webp({ quality: 82, effort: 3 }).toBuffer({ resolveWithObject: true });
	return { name, mime: 'image/webp', ext: 'webp', width: info.width, height: info.height, data };
};

/** Page count, document info and text for search; page 1 also becomes the thumbnail and preview. */
export async function processPdf(file: string) {
	const result = await runPdfWorker({ file, pages: 'first', firstCount: EAGER_PAGES, maxSide: PAGE_SIDE, wantText: true, maxTextPages: LIMITS.textPages });
	const renditions: RenditionOut[] = [];
	for (const p of result.pages) renditions.push(await webp(p.png, `page-${p.n}`));
	const first = result.pages[0];
	if (first) renditions.push(await webp(first.png, 'thumb', SIZES.thumb), await webp(first.png, 'preview', SIZES.preview));
	return {
		metadata: { pageCount: result.pageCount, pageSize: result.pageSize, ...result.info, textLength: result.text.length },
		text: result.text,
		renditions
	};
}

/** Renders one page on demand (lazily, for long documents). */
export async function renderPdfPage(file: string, n: number): Promise<RenditionOut | null> {
	const result = await runPdfWorker({ file, pages: [n], firstCount: 0, maxSide: PAGE_SIDE, wantText: false, maxTextPages: 0 }, 30_000);
	const page = result.pages[0];
	return page ? webp(page.png, `page-${n}`) : null;
}
