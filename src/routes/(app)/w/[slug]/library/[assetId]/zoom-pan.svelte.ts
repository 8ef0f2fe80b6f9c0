// Zoom and pan of one image inside a viewport: wheel and pinch zoom about the pointer,
// drag to pan once zoomed, keys for keyboard users. Scale 1 means "fit the viewport".
type Point = { x: number; y: number };

export const MIN_SCALE = 1;
export const MAX_SCALE = 8;
const STEP = 1.25;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export class ZoomPan {
	scale = $state(1);
	x = $state(0);
	y = $state(0);
	dragging = $state(false);
	readonly zoomed = $derived(this.scale > 1.001);
	readonly transform = $derived(`translate(${this.x}px, ${this.y}px) scale(${this.scale})`);

	#box = { width: 0, height: 0 };
	readonly #pointers = new Map<number, Point>();
	#pinch: { distance: number; scale: number } | null = null;
	#last: Point | null = null;

	/** The viewport's size, for keeping the image in view while panning. */
	resize(width: number, height: number) {
		this.#box = { width, height };
		this.#clampPan();
	}

	/** Zooms by `factor` keeping the point `at` (viewport-centre-relative px) where it is. */
	zoomBy(factor: number, at: Point = { x: 0, y: 0 }) {
		const next = clamp(this.scale * factor, MIN_SCALE, MAX_SCALE);
		const k = next / this.scale;
		this.x = at.x - (at.x - this.x) * k;
		this.y = at.y - (at.y - this.y) * k;
		this.scale = next;
		this.#clampPan();
	}

	zoomIn = () => this.zoomBy(STEP);
	zoomOut = () => this.zoomBy(1 / STEP);
	fit = () => {
		this.scale = 1;
		this.x = 0;
		this.y = 0;
	};

	wheel = (e: WheelEvent, rect: DOMRect) => {
		e.preventDefault();
		// Trackpad pinches arrive as ctrl+wheel with small deltas; mouse wheels as large ones.
		const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
		this.zoomBy(Math.exp(-delta * (e.ctrlKey ? 0.01 : 0.002)), this.#centreRelative(e, rect));
	};

	down = (e: PointerEvent) => {
		(e.currentTarget as Element).setPointerCapture?.(e.pointerId);
		this.#pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
		if (this.#pointers.size === 2) {
			this.#pinch = { distance: this.#distance(), scale: this.scale };
		} else {
			this.#last = { x: e.clientX, y: e.clientY };
			this.dragging = this.zoomed;
		}
	};

	move = (e: PointerEvent, rect: DOMRect) => {
		if (!this.#pointers.has(e.pointerId)) return;
		this.#pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
		if (this.#pinch && this.#pointers.size >= 2) {
			const [a, b] = [...this.#pointers.values()] as [Point, Point];
			const mid = { clientX: (a.x + b.x) / 2, clientY: (a.y + b.y) / 2 };
			this.zoomBy((this.#pinch.scale * this.#distance()) / this.#pinch.distance / this.scale, this.#centreRelative(mid, rect));
			return;
		}
		if (this.#last && this.zoomed) {
			this.x += e.clientX - this.#last.x;
			this.y += e.clientY - this.#last.y;
			this.#clampPan();
		}
		this.#last = { x: e.clientX, y: e.clientY };
	};

	up = (e: PointerEvent) => {
		this.#pointers.delete(e.pointerId);
		if (this.#pointers.size < 2) this.#pinch = null;
		if (this.#pointers.size === 0) {
			this.#last = null;
			this.dragging = false;
		} else {
			const rest = [...this.#pointers.values()][0]!;
			this.#last = { ...rest };
		}
	};

	/** Double click or double tap: fit ↔ 2× at that point. */
	toggle = (e: { clientX: number; clientY: number }, rect: DOMRect) => {
		if (this.zoomed) this.fit();
		else this.zoomBy(2, this.#centreRelative(e, rect));
	};

	key = (e: KeyboardEvent) => {
		const pan = 60;
		const actions: Record<string, () => void> = {
			'+': this.zoomIn,
			'=': this.zoomIn,
			'-': this.zoomOut,
			'0': this.fit,
			ArrowLeft: () => (this.x += pan),
			ArrowRight: () => (this.x -= pan),
			ArrowUp: () => (this.y += pan),
			ArrowDown: () => (this.y -= pan)
		};
		const act = actions[e.key];
		if (!act || (e.key.startsWith('Arrow') && !this.zoomed)) return;
		e.preventDefault();
		act();
		this.#clampPan();
	};

	#centreRelative(e: { clientX: number; clientY: number }, rect: DOMRect): Point {
		return { x: e.clientX - rect.left - rect.width / 2, y: e.clientY - rect.top - rect.height / 2 };
	}

	#distance() {
		const [a, b] = [...this.#pointers.values()] as [Point, Point];
		return Math.hypot(a.x - b.x, a.y - b.y) || 1;
	}

	/** At most half the zoomed overflow either way, so some of the image always shows. */
	#clampPan() {
		const maxX = ((this.scale - 1) * this.#box.width) / 2;
		const maxY = ((this.scale - 1) * this.#box.height) / 2;
		this.x = clamp(this.x, -maxX, maxX);
		this.y = clamp(this.y, -maxY, maxY);
	}
}
