import { clamp, type PageSize } from './geometry.ts';

export type ViewState = { zoom: number; cx: number; cy: number };
type Point = { x: number; y: number };

const MIN_ZOOM = 0.1;
const MAX_ZOOM = 16;
/** Room left around the page when it is fitted to the screen, in CSS pixels. */
const MARGIN = 32;

/**
 * Zoom and pan of one page in a viewport, as numbers only. Zoom 1 fits the page; the view
 * a follower copies is the page-relative point at the viewport's centre and the zoom, so it
 * means the same on a phone and on a wall screen.
 */
export class Viewport {
	page: PageSize = { width: 1000, height: 1000 };
	screen: PageSize = { width: 800, height: 600 };
	zoom = 1;
	pan: Point = { x: 0, y: 0 };
	#fit = 1;

	/** Screen pixels per page pixel. */
	get scale() {
		return this.#fit * this.zoom;
	}

	#refit() {
		this.#fit = Math.min((this.screen.width - MARGIN) / this.page.width, (this.screen.height - MARGIN) / this.page.height);
	}

	fit() {
		this.#refit();
		this.zoom = 1;
		this.pan = { x: (this.screen.width - this.page.width * this.#fit) / 2, y: (this.screen.height - this.page.height * this.#fit) / 2 };
	}

	/** A new screen or page size, keeping what is at the centre where it was. */
	resize(screen: PageSize, page = this.page) {
		const view = this.view();
		this.screen = screen;
		this.page = page;
		this.#refit();
		this.setView(view);
	}

	/** Zooms by `factor` keeping the screen point `at` (the centre by default) over the same spot. */
	zoomBy(factor: number, at: Point = { x: this.screen.width / 2, y: this.screen.height / 2 }) {
		const before = this.scale;
		this.zoom = clamp(this.zoom * factor, MIN_ZOOM, MAX_ZOOM);
		const k = this.scale / before;
		this.pan = { x: at.x - (at.x - this.pan.x) * k, y: at.y - (at.y - this.pan.y) * k };
	}

	panBy(dx: number, dy: number) {
		this.pan = { x: this.pan.x + dx, y: this.pan.y + dy };
	}

	view(): ViewState {
		const c = this.toPage({ x: this.screen.width / 2, y: this.screen.height / 2 });
		return { zoom: this.zoom, cx: c.x, cy: c.y };
	}

	setView(v: ViewState) {
		this.zoom = clamp(v.zoom, MIN_ZOOM, MAX_ZOOM);
		const s = this.scale;
		this.pan = { x: this.screen.width / 2 - v.cx * this.page.width * s, y: this.screen.height / 2 - v.cy * this.page.height * s };
	}

	/** Page-relative point under a screen point. */
	toPage(p: Point): Point {
		const s = this.scale;
		return { x: (p.x - this.pan.x) / s / this.page.width, y: (p.y - this.pan.y) / s / this.page.height };
	}

	/** Screen point of a page-relative point. */
	toScreen(p: Point): Point {
		const s = this.scale;
		return { x: this.pan.x + p.x * this.page.width * s, y: this.pan.y + p.y * this.page.height * s };
	}
}
