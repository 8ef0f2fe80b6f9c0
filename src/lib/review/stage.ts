import Konva from 'konva';
import type { Mark, MarkKind } from '#lib/shared/markup.ts';
import { Viewport, type ViewState } from './viewport.ts';
import { movedGeometry } from './mark-shapes.ts';
import { MarkNodes } from './mark-nodes.ts';
import { DrawTool, type DraftMark, type DrawKind } from './draw-tool.ts';
import { TouchTracker } from './touch-tracker.ts';

export type { DraftMark, ViewState };
export type Tool = 'select' | MarkKind;

type Options = {
	/** Whether a mark shows on the current page and moment. */
	visible: (m: Mark) => boolean;
	/** Marks this person may move, resize and delete. */
	editable: (m: Mark) => boolean;
	/** The thread number shown on a pin. */
	label: (m: Mark) => string;
	onCreate: (draft: DraftMark) => void;
	onChange: (id: string, patch: Partial<Pick<Mark, 'box' | 'points'>>) => void;
	onSelect: (id: string | null) => void;
	/** The pointer over the page, page-relative; null when it leaves. */
	onPointer: (p: { x: number; y: number } | null) => void;
	onView: (v: ViewState) => void;
};


/**
 * The drawing surface of a review room: a Konva stage with the proof (an image, a PDF page,
 * a video frame or a waveform) and the marks over it. Marks are stored page-relative; here
 * they are drawn in page pixels inside one group whose transform is the zoom and pan, so
 * panning moves one transform and never rebuilds a shape.
 *
 * Pointer Events throughout: mouse, touch and pen. Two fingers pan and pinch; one finger or
 * a pen draws with a drawing tool; while a pen is down (or was, a moment ago) touches never
 * draw, which is what keeps a resting palm from leaving marks.
 */
export class MarkupStage {
	readonly stage: Konva.Stage;
	readonly #layer: Konva.Layer;
	readonly #world: Konva.Group;
	readonly #background: Konva.Image;
	readonly #marks: MarkNodes;
	readonly #transformer: Konva.Transformer;
	readonly #ui: Konva.Layer;
	readonly #opts: Options;
	readonly #el: HTMLElement;

	tool: Tool = 'select';
	color = '#e5484d';
	/** Stroke width as a fraction of the page width. */
	stroke = 0.004;
	readOnly = false;

	readonly #vp = new Viewport();
	#selected: string | null = null;
	readonly #drawing = new DrawTool();
	readonly #touch = new TouchTracker();
	#gesture: { distance: number; zoom: number; mid: { x: number; y: number }; pan: { x: number; y: number } } | null = null;
	#spaceDown = false;
	#panDrag: { x: number; y: number; pan: { x: number; y: number } } | null = null;
	readonly #resize: ResizeObserver;

	constructor(el: HTMLElement, opts: Options) {
		this.#el = el;
		this.#opts = opts;
		this.stage = new Konva.Stage({ container: el as HTMLDivElement, width: el.clientWidth || 800, height: el.clientHeight || 600 });
		this.#vp.resize({ width: this.stage.width(), height: this.stage.height() });
		this.#layer = new Konva.Layer();
		this.#world = new Konva.Group();
		this.#background = new Konva.Image({ image: undefined, listening: false, perfectDrawEnabled: false });
		this.#marks = new MarkNodes({
			visible: opts.visible,
			label: opts.label,
			draggable: (m) => !this.readOnly && this.tool === 'select' && opts.editable(m),
			onDragged: (m, node) => this.#commit(m, node)
		});
		this.#world.add(this.#background, this.#marks.group);
		this.#layer.add(this.#world);
		this.#ui = new Konva.Layer();
		this.#transformer = new Konva.Transformer({
			rotateEnabled: false,
			flipEnabled: false,
			ignoreStroke: true,
			anchorSize: 12,
			anchorCornerRadius: 6,
			borderStroke: '#2563eb',
			anchorStroke: '#2563eb',
			keepRatio: false
		});
		this.#ui.add(this.#transformer);
		this.stage.add(this.#layer, this.#ui);

		const c = this.stage.container();
		c.style.touchAction = 'none';
		c.addEventListener('pointerdown', this.#down);
		c.addEventListener('pointermove', this.#move);
		c.addEventListener('pointerup', this.#up);
		c.addEventListener('pointercancel', this.#up);
		c.addEventListener('lostpointercapture', this.#up);
		c.addEventListener('pointerleave', this.#leave);
		c.addEventListener('wheel', this.#wheel, { passive: false });
		window.addEventListener('keydown', this.#key);
		window.addEventListener('keyup', this.#key);
		this.#resize = new ResizeObserver(() => this.resize());
		this.#resize.observe(el);

		this.#transformer.on('transformend', () => {
			const node = this.#transformer.nodes()[0];
			const m = node && this.#marks.mark(node.id());
			if (m) this.#commit(m, node);
		});
	}

	destroy() {
		this.#resize.disconnect();
		window.removeEventListener('keydown', this.#key);
		window.removeEventListener('keyup', this.#key);
		this.stage.destroy();
	}

	// ——— the page and the view ———

	setBackground(source: CanvasImageSource | undefined, width: number, height: number, opts: { keepView?: boolean } = {}) {
		const sizeChanged = width !== this.#page.width || height !== this.#page.height;
		this.#vp.resize(this.#vp.screen, { width, height });
		this.#background.setAttrs({ image: source, width, height });
		if (sizeChanged) this.#marks.rebuild(this.#page, this.scale);
		if (sizeChanged || !opts.keepView) this.fit();
		else this.#layer.batchDraw();
	}

	/** Redraws after the background's pixels changed (a playing video, a re-rendered page). */
	redraw() {
		this.#layer.batchDraw();
	}

	get #page() {
		return this.#vp.page;
	}

	get pageSize() {
		return this.#vp.page;
	}

	get zoom() {
		return this.#vp.zoom;
	}

	get scale() {
		return this.#vp.scale;
	}

	resize() {
		const width = this.#el.clientWidth;
		const height = this.#el.clientHeight;
		if (!width || !height) return;
		this.stage.size({ width, height });
		this.#vp.resize({ width, height });
		// Announced, so HTML overlays (cursors, the text layer, a playhead) follow the new size.
		this.#apply();
	}

	fit = () => {
		this.#vp.fit();
		this.#apply();
	};

	/** Zooms by `factor` about a point on the stage (the centre by default). */
	zoomBy = (factor: number, at?: { x: number; y: number }) => {
		this.#vp.zoomBy(factor, at);
		this.#apply();
	};

	panBy(dx: number, dy: number) {
		this.#vp.panBy(dx, dy);
		this.#apply();
	}

	/** The page-relative centre of the viewport and the zoom: what a follower copies. */
	view(): ViewState {
		return this.#vp.view();
	}

	setView(v: ViewState, announce = true) {
		this.#vp.setView(v);
		this.#apply(announce);
	}

	#apply(announce = true) {
		const scale = this.#vp.scale;
		this.#world.setAttrs({ ...this.#vp.pan, scaleX: scale, scaleY: scale });
		this.#marks.scalePins(scale);
		this.#layer.batchDraw();
		this.#transformer.forceUpdate();
		this.#ui.batchDraw();
		if (announce) this.#opts.onView(this.view());
	}

	/** Page-relative point of a position in the stage's coordinates. */
	toPage(p: { x: number; y: number }) {
		return this.#vp.toPage(p);
	}

	/** Stage position of a page-relative point (for HTML overlays: cursors, the text layer). */
	toStage(p: { x: number; y: number }) {
		return this.#vp.toScreen(p);
	}

	// ——— marks ———

	/** Replaces the drawn marks with these (the visible filter decides what shows). */
	setMarks(marks: Mark[]) {
		this.#marks.setAll(marks, this.#page, this.scale);
		this.#layer.batchDraw();
	}

	upsert(m: Mark) {
		this.#marks.upsert(m, this.#page, this.scale);
		if (this.#selected === m.id) this.select(m.id);
	}

	remove(id: string) {
		this.#marks.remove(id);
		if (this.#selected === id) this.select(null);
	}

	/** Re-applies visibility (page or time changed) and labels. */
	refresh() {
		this.#marks.refresh();
		if (this.#selected && !this.#marks.node(this.#selected)?.visible()) this.#transformer.nodes([]);
		this.#layer.batchDraw();
		this.#ui.batchDraw();
	}

	select(id: string | null) {
		this.#selected = id;
		this.#marks.emphasise(id);
		const node = id ? this.#marks.node(id) : undefined;
		const m = id ? this.#marks.mark(id) : undefined;
		const canTransform = this.tool === 'select' && !!node && !!m && !this.readOnly && this.#opts.editable(m) && m.kind !== 'pin' && m.kind !== 'highlight' && node.visible();
		this.#transformer.nodes(canTransform ? [node] : []);
		this.#layer.batchDraw();
		this.#ui.batchDraw();
	}

	get selected() {
		return this.#selected;
	}

	/** Bakes a drag or resize into the mark's page-relative geometry. */
	#commit(m: Mark, node: Konva.Node) {
		this.#opts.onChange(m.id, movedGeometry(m, node, this.#world, this.#page));
	}

	setTool(tool: Tool) {
		this.tool = tool;
		this.#marks.refresh();
		if (tool !== 'select') this.select(null);
		this.stage.container().style.cursor = tool === 'select' ? 'default' : 'crosshair';
	}

	// ——— pointers ———

	#local(e: { clientX: number; clientY: number }) {
		const r = this.stage.container().getBoundingClientRect();
		return { x: e.clientX - r.left, y: e.clientY - r.top };
	}

	#down = (e: PointerEvent) => {
		const p = this.#local(e);
		if (!this.#touch.down(e, p)) return;
		if (e.pointerType === 'touch' && e.isPrimary) this.#gesture = null;
		this.stage.container().setPointerCapture?.(e.pointerId);

		const touches = this.#touch.touches();
		if (touches.length >= 2) {
			this.#drawing.cancel();
			this.#layer.batchDraw();
			const [a, b] = [touches[0]!, touches[1]!];
			this.#gesture = { distance: Math.hypot(a.x - b.x, a.y - b.y) || 1, zoom: this.#vp.zoom, mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, pan: { ...this.#vp.pan } };
			return;
		}
		if (this.#spaceDown || e.button === 1 || (this.tool === 'select' && e.pointerType === 'touch' && this.#hitId(p) === null)) {
			this.#panDrag = { x: p.x, y: p.y, pan: { ...this.#vp.pan } };
			return;
		}
		if (this.tool === 'select') {
			const id = this.#hitId(p);
			if (id) {
				this.select(id);
				this.#opts.onSelect(id);
			} else if (!this.#onTransformer(e)) {
				this.select(null);
				this.#opts.onSelect(null);
				if (e.pointerType === 'mouse') this.#panDrag = { x: p.x, y: p.y, pan: { ...this.#vp.pan } };
			}
			return;
		}
		if (this.readOnly || this.tool === 'highlight' || e.button > 0) return;
		const style = { color: this.color, stroke: this.stroke, page: this.#page, scale: this.scale };
		this.#drawing.start(this.tool as DrawKind, this.#toWorld(p), pressureOf(e), e.pointerId, style, this.#marks.group);
		this.#layer.batchDraw();
	};

	/** The mark under a stage position, if any. */
	#hitId(p: { x: number; y: number }): string | null {
		return this.#marks.idOf(this.stage.getIntersection(p));
	}

	#onTransformer(e: PointerEvent) {
		const shape = this.stage.getIntersection(this.#local(e));
		return !!shape && shape.getLayer() === this.#ui;
	}

	#move = (e: PointerEvent) => {
		const p = this.#local(e);
		if (!this.#touch.move(e, p)) {
			if (e.pointerType !== 'touch') this.#opts.onPointer(this.#inPage(this.toPage(p)));
			return;
		}
		if (this.#gesture) {
			const touches = this.#touch.touches();
			if (touches.length < 2) return;
			const [a, b] = [touches[0]!, touches[1]!];
			const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
			const g = this.#gesture;
			// Zoom about where the pinch started, then follow the fingers' midpoint (two-finger pan).
			this.#vp.pan = { ...g.pan };
			this.#vp.zoom = g.zoom;
			this.zoomBy(Math.hypot(a.x - b.x, a.y - b.y) / g.distance, g.mid);
			this.panBy(mid.x - g.mid.x, mid.y - g.mid.y);
			return;
		}
		if (this.#panDrag) {
			this.#vp.pan = { x: this.#panDrag.pan.x + p.x - this.#panDrag.x, y: this.#panDrag.pan.y + p.y - this.#panDrag.y };
			this.#apply();
			return;
		}
		if (this.#drawing.owns(e.pointerId)) {
			const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
			for (const ev of events.length ? events : [e]) this.#drawing.move(this.#toWorld(this.#local(ev)), pressureOf(ev));
			this.#layer.batchDraw();
		}
		if (e.pointerType !== 'touch') this.#opts.onPointer(this.#inPage(this.toPage(p)));
	};

	#inPage(p: { x: number; y: number }) {
		return p.x >= 0 && p.x <= 1 && p.y >= 0 && p.y <= 1 ? p : null;
	}

	#up = (e: PointerEvent) => {
		if (!this.#touch.up(e)) return;
		if (this.#gesture) {
			if (this.#touch.touches().length < 2) this.#gesture = null;
			return;
		}
		this.#panDrag = null;
		if (this.#drawing.owns(e.pointerId)) {
			const draft = this.#drawing.finish(this.#world);
			this.#layer.batchDraw();
			if (draft) this.#opts.onCreate(draft);
		}
	};

	#leave = (e: PointerEvent) => {
		if (!this.#touch.tracks(e.pointerId)) this.#opts.onPointer(null);
	};

	#wheel = (e: WheelEvent) => {
		e.preventDefault();
		const p = this.#local(e);
		// Trackpads pan with two fingers (plain wheel with small deltas) and pinch as ctrl+wheel.
		if (!e.ctrlKey && e.deltaMode === 0 && Math.abs(e.deltaX) > 0) {
			this.panBy(-e.deltaX, -e.deltaY);
			return;
		}
		const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
		this.zoomBy(Math.exp(-delta * (e.ctrlKey ? 0.01 : 0.0015)), p);
	};

	#key = (e: KeyboardEvent) => {
		if (e.key !== ' ') return;
		const typing = e.target instanceof HTMLElement && (e.target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON'].includes(e.target.tagName));
		if (typing) return;
		e.preventDefault();
		this.#spaceDown = e.type === 'keydown';
		this.stage.container().style.cursor = this.#spaceDown ? 'grab' : this.tool === 'select' ? 'default' : 'crosshair';
	};

	/** Page pixels of a stage position. */
	#toWorld(p: { x: number; y: number }) {
		return this.#world.getAbsoluteTransform().copy().invert().point(p);
	}
}

/** A pen's pressure when it reports one; mice and fingers draw at the middle width. */
const pressureOf = (e: PointerEvent) => (e.pointerType === 'pen' && e.pressure > 0 ? e.pressure : 0.5);
