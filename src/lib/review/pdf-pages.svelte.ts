import type { MarkupStage } from './stage.ts';
import type { PdfSource } from './pdf.ts';

/**
 * Page by page through a PDF proof: the current page on the stage, rendered again at a
 * higher resolution when the zoom has grown enough to need it, and its text laid out for
 * selection. Only the page in view is ever rendered.
 */
export class PdfPages {
	page = $state(1);
	count = $state(1);
	textLayer: HTMLDivElement | undefined = $state();
	#pdf: PdfSource | null = null;
	#stage: MarkupStage | null = null;
	#abort: AbortController | null = null;
	#renderedScale = 0;
	#sharpen: ReturnType<typeof setTimeout> | undefined;

	async open(url: string, stage: MarkupStage) {
		const { PdfSource } = await import('./pdf.ts');
		this.#pdf = new PdfSource(url);
		this.#stage = stage;
		this.count = await this.#pdf.pageCount;
		await this.show(1);
	}

	async show(n: number) {
		if (!this.#pdf || !this.#stage || n < 1 || n > this.count) return;
		this.page = n;
		const size = await this.#pdf.size(n);
		this.#stage.setBackground(undefined, size.width, size.height);
		await this.#render();
		if (this.textLayer && n === this.page) await this.#pdf.textLayer(n, this.textLayer);
	}

	/** Called when the view changed: re-renders, a moment later, if the zoom grew or shrank by a fifth. */
	zoomed() {
		const scale = this.#stage?.scale ?? 0;
		if (!this.#pdf || Math.abs(scale - this.#renderedScale) / (this.#renderedScale || 1) < 0.2) return;
		clearTimeout(this.#sharpen);
		this.#sharpen = setTimeout(() => void this.#render(), 250);
	}

	async #render() {
		if (!this.#pdf || !this.#stage) return;
		this.#abort?.abort();
		const abort = new AbortController();
		this.#abort = abort;
		const n = this.page;
		const scale = this.#stage.scale;
		const canvas = await this.#pdf.render(n, scale, abort.signal);
		if (!canvas || abort.signal.aborted || n !== this.page) return;
		this.#renderedScale = scale;
		const size = this.#stage.pageSize;
		this.#stage.setBackground(canvas, size.width, size.height, { keepView: true });
	}

	destroy() {
		clearTimeout(this.#sharpen);
		this.#abort?.abort();
		this.#pdf?.destroy();
	}
}
