import { Viewport } from './viewport.ts';
import { clamp, type PageSize } from './geometry.ts';

export type CompareMode = 'side' | 'overlay' | 'swipe';
type Point = { x: number; y: number };

/**
 * What two compared versions share on screen: one zoom and pan for both panes (side by side
 * they move together; overlaid they are one picture), the page of a PDF, the mode, the
 * overlay's opacity and the swipe divider. Panes report their size and pointer input here.
 */
export class CompareView {
	mode = $state<CompareMode>('side');
	/** Overlay: how much of the later version shows over the earlier, 0–1. */
	opacity = $state(0.5);
	/** Swipe: where the divider stands, 0–1 of the pane's width; left of it is the earlier version. */
	split = $state(0.5);
	showDiff = $state(true);
	showMarks = $state(true);
	page = $state(1);
	/** The transform of a page in a pane: screen = pan + page pixel × scale. */
	view = $state({ x: 0, y: 0, scale: 1, zoom: 1 });

	readonly #vp = new Viewport();
	#fitted = false;
	readonly #pointers = new Map<number, Point>();
	#pinch: { distance: number } | null = null;

	/** The page's size in pixels, as state: layers and boxes are drawn in it. */
	size = $state<PageSize>({ width: 1000, height: 1000 });

	/** The page's size in pixels (the earlier version's rendering: the later one is drawn into the same box). */
	setPage(size: PageSize) {
		if (size.width === this.#vp.page.width && size.height === this.#vp.page.height && this.#fitted) return;
		this.#vp.page = size;
		this.size = { ...size };
		this.fit();
	}

	/** A pane's size; all panes are the same size, so the last one reported stands for all. */
	setScreen(size: PageSize) {
		if (!size.width || !size.height) return;
		if (!this.#fitted) {
			this.#vp.screen = size;
			this.fit();
		} else {
			this.#vp.resize(size);
			this.#publish();
		}
	}

	fit = () => {
		this.#vp.fit();
		this.#fitted = true;
		this.#publish();
	};

	zoomBy = (factor: number, at?: Point) => {
		this.#vp.zoomBy(factor, at);
		this.#publish();
	};

	#publish() {
		this.view = { x: this.#vp.pan.x, y: this.#vp.pan.y, scale: this.#vp.scale, zoom: this.#vp.zoom };
	}

	/** Wheel: pinch-zoom on trackpads arrives as a wheel with ctrlKey; both zoom around the pointer. */
	wheel = (e: WheelEvent) => {
		e.preventDefault();
		const at = local(e);
		if (e.ctrlKey || e.metaKey || Math.abs(e.deltaY) >= 50) this.zoomBy(Math.exp(-e.deltaY * (e.ctrlKey ? 0.01 : 0.002)), at);
		else {
			this.#vp.panBy(-e.deltaX, -e.deltaY);
			this.#publish();
		}
	};

	pointerdown = (e: PointerEvent) => {
		if (e.button !== 0 && e.pointerType === 'mouse') return;
		(e.currentTarget as Element).setPointerCapture?.(e.pointerId);
		this.#pointers.set(e.pointerId, local(e));
		if (this.#pointers.size === 2) this.#pinch = { distance: spread([...this.#pointers.values()]) };
	};

	pointermove = (e: PointerEvent) => {
		const before = this.#pointers.get(e.pointerId);
		if (!before) return;
		const at = local(e);
		this.#pointers.set(e.pointerId, at);
		if (this.#pointers.size >= 2 && this.#pinch) {
			const pts = [...this.#pointers.values()];
			const d = spread(pts);
			const mid = { x: (pts[0]!.x + pts[1]!.x) / 2, y: (pts[0]!.y + pts[1]!.y) / 2 };
			if (this.#pinch.distance > 0) this.#vp.zoomBy(d / this.#pinch.distance, mid);
			// Two fingers also pan: half the movement of this finger is the midpoint's.
			this.#vp.panBy((at.x - before.x) / 2, (at.y - before.y) / 2);
			this.#pinch.distance = d;
		} else this.#vp.panBy(at.x - before.x, at.y - before.y);
		this.#publish();
	};

	pointerup = (e: PointerEvent) => {
		this.#pointers.delete(e.pointerId);
		if (this.#pointers.size < 2) this.#pinch = null;
	};

	/** Keys shared by the compare page; false when the key is not one of them. */
	key(e: KeyboardEvent, pages: number): boolean {
		if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement) return false;
		if (e.ctrlKey || e.metaKey || e.altKey) return false;
		switch (e.key) {
			case '+':
			case '=':
				this.zoomBy(1.25);
				return true;
			case '-':
				this.zoomBy(0.8);
				return true;
			case '0':
				this.fit();
				return true;
			case '1':
				this.mode = 'side';
				return true;
			case '2':
				this.mode = 'overlay';
				return true;
			case '3':
				this.mode = 'swipe';
				return true;
			case 'd':
				this.showDiff = !this.showDiff;
				return true;
			case 'm':
				this.showMarks = !this.showMarks;
				return true;
			case 'ArrowLeft':
			case 'ArrowRight':
				if (pages <= 1) return false;
				this.page = clamp(this.page + (e.key === 'ArrowLeft' ? -1 : 1), 1, pages);
				return true;
		}
		return false;
	}
}

function local(e: PointerEvent | WheelEvent): Point {
	const r = (e.currentTarget as Element).getBoundingClientRect();
	return { x: e.clientX - r.left, y: e.clientY - r.top };
}

function spread(pts: Point[]) {
	return Math.hypot(pts[0]!.x - pts[1]!.x, pts[0]!.y - pts[1]!.y);
}
