// Runs pdf.js in a worker thread: parsing and painting are synchronous JavaScript, so a
// heavy or hostile PDF must not stall the server's event loop, and can be stopped outright.
import { parentPort, workerData } from 'node:worker_threads';
import path from 'node:path';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';

export type PdfJob = { file: string; pages: number[] | 'first'; firstCount: number; maxSide: number; wantText: boolean; maxTextPages: number };
export type PdfPage = { n: number; width: number; height: number; png: Uint8Array };
export type PdfResult = { pageCount: number; text: string; pages: PdfPage[]; info: Record<string, string>; pageSize?: { width: number; height: number } };

const require = createRequire(import.meta.url);
const pkg = path.dirname(require.resolve('pdfjs-dist/package.json'));

async function run(job: PdfJob): Promise<PdfResult> {
	const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
	const data = new Uint8Array(await readFile(job.file));
	const task = pdfjs.getDocument({
		data,
		// pdf.js 6 has no eval path left and dropped the option; passing it keeps an older
		// build (5.6–6.2 had an arbitrary-JS advisory) from compiling font code.
		...({ isEvalSupported: false } as object),
		useSystemFonts: false,
		disableFontFace: true,
		verbosity: 0,
		standardFontDataUrl: path.join(pkg, 'standard_fonts') + '/',
		cMapUrl: path.join(pkg, 'cmaps') + '/',
		cMapPacked: true
	});
	const doc = await task.promise;
	try {
		const pageCount = doc.numPages;
		const meta = await doc.getMetadata().catch(() => null);
		const rawInfo = (meta?.info ?? {}) as Record<string, unknown>;
		const info: Record<string, string> = {};
		for (const k of ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer']) if (typeof rawInfo[k] === 'string' && rawInfo[k]) info[k.toLowerCase()] = (rawInfo[k] as string).slice(0, 500);

		let text = '';
		if (job.wantText) {
			for (let n = 1; n <= Math.min(pageCount, job.maxTextPages) && text.length < 1_000_000; n++) {
				const page = await doc.getPage(n);
				const content = await page.getTextContent();
				text += content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : ' ') : '')).join('') + '\n';
				page.cleanup();
			}
		}

		const wanted = job.pages === 'first' ? Array.from({ length: Math.min(pageCount, job.firstCount) }, (_, i) => i + 1) : job.pages.filter((n) => n >= 1 && n <= pageCount);
		const pages: PdfPage[] = [];
		let pageSize: PdfResult['pageSize'];
		for (const n of wanted) {
			const page = await doc.getPage(n);
			const base = page.getViewport({ scale: 1 });
			if (n === 1) pageSize = { width: Math.round(base.width), height: Math.round(base.height) };
			const scale = job.maxSide / Math.max(base.width, base.height);
			const viewport = page.getViewport({ scale });
			const { canvas, context } = (doc.canvasFactory as { create: (w: number, h: number) => unknown }).create(Math.ceil(viewport.width), Math.ceil(viewport.height)) as { canvas: { encode: (f: string) => Promise<Uint8Array>; width: number; height: number }; context: unknown };
			await page.render({ canvas: null, canvasContext: context as CanvasRenderingContext2D, viewport, background: '#ffffff' }).promise;
			pages.push({ n, width: canvas.width, height: canvas.height, png: await canvas.encode('png') });
			page.cleanup();
		}
		return { pageCount, text: text.replace(/[ \t]+/g, ' ').trim(), pages, info, pageSize };
	} finally {
		await task.destroy();
	}
}

if (parentPort) {
	run(workerData as PdfJob).then(
		(result) => parentPort!.postMessage({ ok: true, result }),
		(e: unknown) => parentPort!.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) })
	);
}
