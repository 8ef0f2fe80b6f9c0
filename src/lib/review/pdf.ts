import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

/** The widest canvas a page is rendered to; beyond it zooming only magnifies. */
const MAX_CANVAS = 4096;

/**
 * A PDF in the browser through pdf.js, fetched by HTTP range requests in 64 KiB chunks and
 * never as a whole (so page 1 of a 200-page file shows at once), with no eval and no
 * document scripts. Pages render on demand at the resolution the current zoom needs.
 */
export class PdfSource {
	readonly #doc: Promise<PDFDocumentProxy>;
	readonly #pages = new Map<number, Promise<PDFPageProxy>>();
	readonly #task: ReturnType<typeof pdfjs.getDocument>;

	constructor(url: string) {
		this.#task = pdfjs.getDocument({
			url,
			// pdf.js 6 has no eval path left and dropped the option, and scripting lives only in
			// the annotation layer, which is not used here; both are passed so that an older build
			// (5.6–6.2 had an arbitrary-JS advisory) never compiles font code or runs PDF scripts.
			...({ isEvalSupported: false, enableScripting: false } as object),
			disableAutoFetch: true,
			disableStream: true,
			rangeChunkSize: 65536
		});
		this.#doc = this.#task.promise;
	}

	get pageCount() {
		return this.#doc.then((d) => d.numPages);
	}

	page(n: number) {
		let p = this.#pages.get(n);
		if (!p) {
			p = this.#doc.then((d) => d.getPage(n));
			this.#pages.set(n, p);
		}
		return p;
	}

	/** The page's size in PDF points (its "page pixels" for marks). */
	async size(n: number) {
		const vp = (await this.page(n)).getViewport({ scale: 1 });
		return { width: vp.width, height: vp.height };
	}

	/** Renders page `n` so that it looks sharp when shown `cssScale` times its point size. */
	async render(n: number, cssScale: number, signal?: AbortSignal): Promise<HTMLCanvasElement | null> {
		const page = await this.page(n);
		const base = page.getViewport({ scale: 1 });
		const scale = Math.min(cssScale * (globalThis.devicePixelRatio || 1), MAX_CANVAS / base.width);
		const viewport = page.getViewport({ scale });
		const canvas = document.createElement('canvas');
		canvas.width = Math.ceil(viewport.width);
		canvas.height = Math.ceil(viewport.height);
		const task = page.render({ canvas, viewport });
		signal?.addEventListener('abort', () => task.cancel());
		try {
			await task.promise;
			return canvas;
		} catch (e) {
			if (signal?.aborted) return null;
			throw e;
		}
	}

	/** Lays the page's text out in `container` (at scale 1), for selection and highlights. */
	async textLayer(n: number, container: HTMLElement) {
		const page = await this.page(n);
		const viewport = page.getViewport({ scale: 1 });
		container.replaceChildren();
		container.style.setProperty('--scale-factor', '1');
		container.style.setProperty('--total-scale-factor', '1');
		const layer = new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container, viewport });
		await layer.render();
		return layer;
	}

	destroy() {
		void this.#task.destroy();
	}
}
