import Konva from 'konva';
import type { Mark, MarkKind } from '#lib/shared/markup.ts';

export type Tool = 'select' | MarkKind;
export type DraftMark = Pick<Mark, 'kind' | 'box' | 'points' | 'pressure' | 'rects' | 'text' | 'color' | 'stroke'>;
export type ViewState = { zoom: number; cx: number; cy: number };

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

const MIN_ZOOM = 0.1;
const MAX_ZOOM = 16;
const PIN_RADIUS = 13;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const BOX_KINDS = new Set<MarkKind>(['rect', 'ellipse', 'pin', 'highlight']);
const unit = (v: number) => Math.round(clamp(v, -0.5, 1.5) * 1e5) / 1e5;
/** The server takes at most 10,000 points per stroke; longer strokes keep every n-th point. */
const MAX_POINTS = 10_000;

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
	readonly #marks: Konva.Group;
	readonly #transformer: Konva.Transformer;
	readonly #ui: Konva.Layer;
	readonly #nodes = new Map<string, Konva.Shape | Konva.Group>();
	readonly #data = new Map<string, Mark>();
	readonly #opts: Options;
	readonly #el: HTMLElement;

	tool: Tool = 'select';
	color = '#e5484d';
	/** Stroke width as a fraction of the page width. */
	stroke = 0.004;
	readOnly = false;

	#page = { width: 1000, height: 1000 };
	#fit = 1;
	zoom = 1;
	#pan = { x: 0, y: 0 };
	#selected: string | null = null;
	#draft: { shape: Konva.Shape; start: { x: number; y: number }; points: number[]; pressure: number[]; pointerId: number } | null = null;
	readonly #pointers = new Map<number, { x: number; y: number; type: string }>();
	#gesture: { distance: number; zoom: number; mid: { x: number; y: number }; pan: { x: number; y: number } } | null = null;
	#penUntil = 0;
	#spaceDown = false;
	#panDrag: { x: number; y: number; pan: { x: number; y: number } } | null = null;
	readonly #resize: ResizeObserver;

	constructor(el: HTMLElement, opts: Options) {
		this.#el = el;
		this.#opts = opts;
		this.stage = new Konva.Stage({ container: el as HTMLDivElement, width: el.clientWidth || 800, height: el.clientHeight || 600 });
		this.#layer = new Konva.Layer();
		this.#world = new Konva.Group();
		this.#background = new Konva.Image({ image: undefined, listening: false, perfectDrawEnabled: false });
		this.#marks = new Konva.Group();
		this.#world.add(this.#background, this.#marks);
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

		this.#transformer.on('transformend', () => this.#commitTransform());
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
		this.#page = { width, height };
		this.#background.setAttrs({ image: source, width, height });
		if (sizeChanged) for (const m of this.#data.values()) this.#draw(m);
		if (sizeChanged || !opts.keepView) this.fit();
		else this.#layer.batchDraw();
	}

	/** Redraws after the background's pixels changed (a playing video, a re-rendered page). */
	redraw() {
		this.#layer.batchDraw();
	}

	get pageSize() {
		return this.#page;
	}

	resize() {
		const w = this.#el.clientWidth;
		const h = this.#el.clientHeight;
		if (!w || !h) return;
		const view = this.view();
		this.stage.size({ width: w, height: h });
		this.#fit = Math.min((w - 32) / this.#page.width, (h - 32) / this.#page.height);
		// Announced, so HTML overlays (cursors, the text layer, a playhead) follow the new size.
		this.setView(view);
	}

	fit = () => {
		const w = this.stage.width();
		const h = this.stage.height();
		this.#fit = Math.min((w - 32) / this.#page.width, (h - 32) / this.#page.height);
		this.zoom = 1;
		this.#pan = { x: (w - this.#page.width * this.#fit) / 2, y: (h - this.#page.height * this.#fit) / 2 };
		this.#apply();
	};

	get scale() {
		return this.#fit * this.zoom;
	}

	/** Zooms by `factor` about a point on the stage (the centre by default). */
	zoomBy = (factor: number, at?: { x: number; y: number }) => {
		const p = at ?? { x: this.stage.width() / 2, y: this.stage.height() / 2 };
		const before = this.scale;
		this.zoom = clamp(this.zoom * factor, MIN_ZOOM, MAX_ZOOM);
		const k = this.scale / before;
		this.#pan = { x: p.x - (p.x - this.#pan.x) * k, y: p.y - (p.y - this.#pan.y) * k };
		this.#apply();
	};

	panBy(dx: number, dy: number) {
		this.#pan = { x: this.#pan.x + dx, y: this.#pan.y + dy };
		this.#apply();
	}

	/** The page-relative centre of the viewport and the zoom: what a follower copies. */
	view(): ViewState {
		const s = this.scale;
		return {
			zoom: this.zoom,
			cx: (this.stage.width() / 2 - this.#pan.x) / s / this.#page.width,
			cy: (this.stage.height() / 2 - this.#pan.y) / s / this.#page.height
		};
	}

	setView(v: ViewState, announce = true) {
		this.zoom = clamp(v.zoom, MIN_ZOOM, MAX_ZOOM);
		const s = this.scale;
		this.#pan = { x: this.stage.width() / 2 - v.cx * this.#page.width * s, y: this.stage.height() / 2 - v.cy * this.#page.height * s };
		this.#apply(announce);
	}

	#apply(announce = true) {
		this.#world.setAttrs({ x: this.#pan.x, y: this.#pan.y, scaleX: this.scale, scaleY: this.scale });
		// Pins keep their size on screen whatever the zoom.
		for (const [id, node] of this.#nodes) if (this.#data.get(id)?.kind === 'pin') node.scale({ x: 1 / this.scale, y: 1 / this.scale });
		this.#layer.batchDraw();
		this.#transformer.forceUpdate();
		this.#ui.batchDraw();
		if (announce) this.#opts.onView(this.view());
	}

	/** Page-relative point of a position in the stage's coordinates. */
	toPage(p: { x: number; y: number }) {
		const s = this.scale;
		return { x: (p.x - this.#pan.x) / s / this.#page.width, y: (p.y - this.#pan.y) / s / this.#page.height };
	}

	/** Stage position of a page-relative point (for HTML overlays: cursors, the text layer). */
	toStage(p: { x: number; y: number }) {
		const s = this.scale;
		return { x: this.#pan.x + p.x * this.#page.width * s, y: this.#pan.y + p.y * this.#page.height * s };
	}

	// ——— marks ———

	/** Replaces the drawn marks with these (the visible filter decides what shows). */
	setMarks(marks: Mark[]) {
		const keep = new Set<string>();
		for (const m of marks) {
			keep.add(m.id);
			this.upsert(m);
		}
		for (const id of [...this.#data.keys()]) if (!keep.has(id)) this.remove(id);
		this.#layer.batchDraw();
	}

	upsert(m: Mark) {
		const prev = this.#data.get(m.id);
		this.#data.set(m.id, m);
		if (prev && prev.updatedAt === m.updatedAt && this.#nodes.has(m.id)) {
			this.#nodes.get(m.id)!.visible(this.#opts.visible(m));
			return;
		}
		this.#draw(m);
	}

	remove(id: string) {
		this.#data.delete(id);
		this.#nodes.get(id)?.destroy();
		this.#nodes.delete(id);
		if (this.#selected === id) this.select(null);
	}

	/** Re-applies visibility (page or time changed) and labels. */
	refresh() {
		for (const [id, m] of this.#data) {
			const node = this.#nodes.get(id);
			if (!node) continue;
			node.visible(this.#opts.visible(m));
			if (m.kind === 'pin') (node as Konva.Group).findOne<Konva.Text>('Text')?.text(this.#opts.label(m));
		}
		if (this.#selected && !this.#nodes.get(this.#selected)?.visible()) this.#transformer.nodes([]);
		this.#layer.batchDraw();
		this.#ui.batchDraw();
	}

	select(id: string | null) {
		this.#selected = id;
		for (const [nid, node] of this.#nodes) this.#emphasise(node, nid === id);
		const node = id ? this.#nodes.get(id) : undefined;
		const m = id ? this.#data.get(id) : undefined;
		const canTransform = this.tool === 'select' && !!node && !!m && !this.readOnly && this.#opts.editable(m) && m.kind !== 'pin' && m.kind !== 'highlight' && node.visible();
		this.#transformer.nodes(canTransform ? [node] : []);
		this.#layer.batchDraw();
		this.#ui.batchDraw();
	}

	get selected() {
		return this.#selected;
	}

	#emphasise(node: Konva.Shape | Konva.Group, on: boolean) {
		const target = node instanceof Konva.Group ? node.findOne<Konva.Circle>('Circle') : node;
		target?.shadowEnabled(on);
		target?.setAttrs({ shadowColor: '#2563eb', shadowBlur: on ? 12 : 0, shadowOpacity: on ? 0.9 : 0 });
	}

	#draw(m: Mark) {
		this.#nodes.get(m.id)?.destroy();
		const node = this.#shape(m);
		node.id(m.id);
		node.visible(this.#opts.visible(m));
		const own = !this.readOnly && this.#opts.editable(m);
		node.draggable(own && this.tool === 'select');
		(node as Konva.Node).on('dragend', () => this.#commitDrag(m.id, node));
		this.#marks.add(node);
		this.#nodes.set(m.id, node);
		if (m.kind === 'pin') node.scale({ x: 1 / this.scale, y: 1 / this.scale });
		if (this.#selected === m.id) {
			this.#emphasise(node, true);
			this.select(m.id);
		}
	}

	#shape(m: Mark): Konva.Shape | Konva.Group {
		const W = this.#page.width;
		const H = this.#page.height;
		const common = { stroke: m.color, strokeWidth: Math.max(0.5, m.stroke * W), perfectDrawEnabled: false, shadowForStrokeEnabled: false, hitStrokeWidth: 12 };
		const b = m.box;
		switch (m.kind) {
			case 'pin': {
				const g = new Konva.Group({ x: b.x * W, y: b.y * H });
				g.add(new Konva.Circle({ radius: PIN_RADIUS, fill: m.color, stroke: '#fff', strokeWidth: 2, perfectDrawEnabled: false }));
				g.add(new Konva.Text({ text: this.#opts.label(m), fontSize: 12, fontStyle: 'bold', fill: '#fff', width: PIN_RADIUS * 2, align: 'center', x: -PIN_RADIUS, y: -6, listening: false }));
				return g;
			}
			case 'rect':
				return new Konva.Rect({ x: b.x * W, y: b.y * H, width: b.w * W, height: b.h * H, ...common });
			case 'ellipse':
				return new Konva.Ellipse({ x: (b.x + b.w / 2) * W, y: (b.y + b.h / 2) * H, radiusX: (b.w / 2) * W, radiusY: (b.h / 2) * H, ...common });
			case 'highlight': {
				const g = new Konva.Group();
				const rects = m.rects.length ? m.rects : [b];
				for (const r of rects) g.add(new Konva.Rect({ x: r.x * W, y: r.y * H, width: r.w * W, height: r.h * H, fill: m.color, opacity: 0.35, perfectDrawEnabled: false }));
				return g;
			}
			case 'arrow':
				return new Konva.Arrow({ points: this.#px(m.points), pointerLength: 4 + m.stroke * W * 3, pointerWidth: 4 + m.stroke * W * 3, fill: m.color, ...common });
			case 'line':
				return new Konva.Line({ points: this.#px(m.points), lineCap: 'round', ...common });
			case 'pen':
				return this.#pen(m);
		}
	}

	/** Freehand: one smooth line, or segments of varying width where the pen reported pressure. */
	#pen(m: Mark): Konva.Shape | Konva.Group {
		const W = this.#page.width;
		const pts = this.#px(m.points);
		const base = Math.max(0.5, m.stroke * W);
		if (m.pressure.length * 2 !== m.points.length || m.pressure.every((p) => p === 0.5)) {
			return new Konva.Line({ points: pts, stroke: m.color, strokeWidth: base, lineCap: 'round', lineJoin: 'round', tension: 0.4, perfectDrawEnabled: false, hitStrokeWidth: 12 });
		}
		const pressure = m.pressure;
		return new Konva.Shape({
			stroke: m.color,
			hitStrokeWidth: 12,
			perfectDrawEnabled: false,
			sceneFunc(ctx, shape) {
				ctx.lineCap = 'round';
				ctx.strokeStyle = m.color;
				for (let i = 2; i < pts.length; i += 2) {
					ctx.beginPath();
					ctx.moveTo(pts[i - 2]!, pts[i - 1]!);
					ctx.lineTo(pts[i]!, pts[i + 1]!);
					ctx.lineWidth = base * (0.3 + 1.4 * (pressure[i / 2] ?? 0.5));
					ctx.stroke();
				}
				// The hit region: the path as one stroke.
				ctx.beginPath();
				ctx.moveTo(pts[0] ?? 0, pts[1] ?? 0);
				for (let i = 2; i < pts.length; i += 2) ctx.lineTo(pts[i]!, pts[i + 1]!);
				ctx.fillStrokeShape(shape);
			}
		});
	}

	#px(points: number[]) {
		const W = this.#page.width;
		const H = this.#page.height;
		return points.map((v, i) => (i % 2 === 0 ? v * W : v * H));
	}

	/** Page-relative, rounded, and within the range the server accepts (half a page beyond each edge). */
	#rel(points: number[]) {
		const W = this.#page.width;
		const H = this.#page.height;
		return points.map((v, i) => unit(i % 2 === 0 ? v / W : v / H));
	}

	#relBox(r: { x: number; y: number; width: number; height: number }) {
		const W = this.#page.width;
		const H = this.#page.height;
		const size = (v: number) => Math.round(clamp(v, 0, 2) * 1e5) / 1e5;
		return { x: unit(r.x / W), y: unit(r.y / H), w: size(r.width / W), h: size(r.height / H) };
	}

	#commitDrag(id: string, node: Konva.Node) {
		const m = this.#data.get(id);
		if (!m) return;
		const W = this.#page.width;
		const H = this.#page.height;
		if (m.kind === 'pin') {
			this.#opts.onChange(id, { box: { ...m.box, x: unit(node.x() / W), y: unit(node.y() / H) } });
			return;
		}
		this.#commitTransform(node);
	}

	/** Bakes a drag or resize into the mark's page-relative geometry. */
	#commitTransform(target?: Konva.Node) {
		const node = target ?? this.#transformer.nodes()[0];
		if (!node) return;
		const id = node.id();
		const m = this.#data.get(id);
		if (!m) return;
		const W = this.#page.width;
		const H = this.#page.height;
		const t = node.getTransform();
		if (BOX_KINDS.has(m.kind)) {
			this.#opts.onChange(id, { box: this.#relBox(node.getClientRect({ relativeTo: this.#world, skipStroke: true })) });
		} else {
			const pts = this.#px(m.points);
			const moved: number[] = [];
			for (let i = 0; i < pts.length; i += 2) {
				const p = t.point({ x: pts[i]!, y: pts[i + 1]! });
				moved.push(p.x, p.y);
			}
			this.#opts.onChange(id, { points: this.#rel(moved) });
		}
	}

	setTool(tool: Tool) {
		this.tool = tool;
		for (const [id, node] of this.#nodes) {
			const m = this.#data.get(id);
			node.draggable(!!m && !this.readOnly && tool === 'select' && this.#opts.editable(m));
		}
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
		if (e.pointerType === 'pen') this.#penUntil = performance.now() + 800;
		// Palm rejection: while a pen is in use, touches neither draw nor pan.
		if (e.pointerType === 'touch' && performance.now() < this.#penUntil) return;
		// The first finger of a new touch: no other finger is down, whatever was missed before.
		if (e.pointerType === 'touch' && e.isPrimary) {
			for (const [id, q] of this.#pointers) if (q.type === 'touch') this.#pointers.delete(id);
			this.#gesture = null;
		}
		this.#pointers.set(e.pointerId, { ...p, type: e.pointerType });
		this.stage.container().setPointerCapture?.(e.pointerId);

		const touches = [...this.#pointers.values()].filter((q) => q.type === 'touch');
		if (touches.length >= 2) {
			this.#cancelDraft();
			const [a, b] = [touches[0]!, touches[1]!];
			this.#gesture = { distance: Math.hypot(a.x - b.x, a.y - b.y) || 1, zoom: this.zoom, mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, pan: { ...this.#pan } };
			return;
		}
		if (this.#spaceDown || e.button === 1 || (this.tool === 'select' && e.pointerType === 'touch' && !this.#hit(p))) {
			this.#panDrag = { x: p.x, y: p.y, pan: { ...this.#pan } };
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
				if (e.pointerType === 'mouse') this.#panDrag = { x: p.x, y: p.y, pan: { ...this.#pan } };
			}
			return;
		}
		if (this.readOnly || this.tool === 'highlight' || e.button > 0) return;
		this.#startDraft(e, p);
	};

	#hit(p: { x: number; y: number }) {
		return this.#hitId(p) !== null;
	}

	/** The mark under a stage position, if any. */
	#hitId(p: { x: number; y: number }): string | null {
		let node: Konva.Node | null = this.stage.getIntersection(p);
		while (node && node !== this.#marks) {
			if (this.#nodes.has(node.id())) return node.id();
			node = node.getParent();
		}
		return null;
	}

	#onTransformer(e: PointerEvent) {
		const shape = this.stage.getIntersection(this.#local(e));
		return !!shape && shape.getLayer() === this.#ui;
	}

	#move = (e: PointerEvent) => {
		const p = this.#local(e);
		if (!this.#pointers.has(e.pointerId)) {
			if (e.pointerType !== 'touch') this.#opts.onPointer(this.#inPage(this.toPage(p)));
			return;
		}
		this.#pointers.set(e.pointerId, { ...p, type: e.pointerType });
		if (this.#gesture) {
			const touches = [...this.#pointers.values()].filter((q) => q.type === 'touch');
			if (touches.length < 2) return;
			const [a, b] = [touches[0]!, touches[1]!];
			const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
			const g = this.#gesture;
			// Zoom about where the pinch started, then follow the fingers' midpoint (two-finger pan).
			this.#pan = { ...g.pan };
			this.zoom = g.zoom;
			this.zoomBy(Math.hypot(a.x - b.x, a.y - b.y) / g.distance, g.mid);
			this.panBy(mid.x - g.mid.x, mid.y - g.mid.y);
			return;
		}
		if (this.#panDrag) {
			this.#pan = { x: this.#panDrag.pan.x + p.x - this.#panDrag.x, y: this.#panDrag.pan.y + p.y - this.#panDrag.y };
			this.#apply();
			return;
		}
		if (this.#draft && this.#draft.pointerId === e.pointerId) {
			const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
			this.#extendDraft(events.length ? events : [e]);
		}
		if (e.pointerType !== 'touch') this.#opts.onPointer(this.#inPage(this.toPage(p)));
	};

	#inPage(p: { x: number; y: number }) {
		return p.x >= 0 && p.x <= 1 && p.y >= 0 && p.y <= 1 ? p : null;
	}

	#up = (e: PointerEvent) => {
		if (!this.#pointers.delete(e.pointerId)) return;
		if (this.#gesture) {
			if ([...this.#pointers.values()].filter((q) => q.type === 'touch').length < 2) this.#gesture = null;
			return;
		}
		this.#panDrag = null;
		if (this.#draft && this.#draft.pointerId === e.pointerId) this.#finishDraft();
	};

	#leave = (e: PointerEvent) => {
		if (!this.#pointers.has(e.pointerId)) this.#opts.onPointer(null);
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

	// ——— drawing ———

	#startDraft(e: PointerEvent, p: { x: number; y: number }) {
		const w = this.#world.getAbsoluteTransform().copy().invert().point(p);
		const W = this.#page.width;
		const strokeWidth = Math.max(0.5, this.stroke * W);
		let shape: Konva.Shape;
		const style = { stroke: this.color, strokeWidth, listening: false, perfectDrawEnabled: false };
		switch (this.tool) {
			case 'rect':
				shape = new Konva.Rect({ x: w.x, y: w.y, width: 0, height: 0, ...style });
				break;
			case 'ellipse':
				shape = new Konva.Ellipse({ x: w.x, y: w.y, radiusX: 0, radiusY: 0, ...style });
				break;
			case 'arrow':
				shape = new Konva.Arrow({ points: [w.x, w.y, w.x, w.y], fill: this.color, pointerLength: 4 + strokeWidth * 3, pointerWidth: 4 + strokeWidth * 3, ...style });
				break;
			case 'line':
				shape = new Konva.Line({ points: [w.x, w.y, w.x, w.y], lineCap: 'round', ...style });
				break;
			case 'pen':
				shape = new Konva.Line({ points: [w.x, w.y], lineCap: 'round', lineJoin: 'round', tension: 0.4, ...style });
				break;
			default:
				shape = new Konva.Circle({ x: w.x, y: w.y, radius: PIN_RADIUS / this.scale, fill: this.color, listening: false });
		}
		this.#marks.add(shape);
		const pressure = e.pointerType === 'pen' && e.pressure > 0 ? e.pressure : 0.5;
		this.#draft = { shape, start: w, points: [w.x, w.y], pressure: [pressure], pointerId: e.pointerId };
		this.#layer.batchDraw();
	}

	#extendDraft(events: PointerEvent[]) {
		const d = this.#draft!;
		const inv = this.#world.getAbsoluteTransform().copy().invert();
		for (const ev of events) {
			const w = inv.point(this.#local(ev));
			const s = d.start;
			switch (this.tool) {
				case 'rect':
					d.shape.setAttrs({ x: Math.min(s.x, w.x), y: Math.min(s.y, w.y), width: Math.abs(w.x - s.x), height: Math.abs(w.y - s.y) });
					break;
				case 'ellipse':
					d.shape.setAttrs({ x: (s.x + w.x) / 2, y: (s.y + w.y) / 2, radiusX: Math.abs(w.x - s.x) / 2, radiusY: Math.abs(w.y - s.y) / 2 });
					break;
				case 'arrow':
				case 'line':
					d.points = [s.x, s.y, w.x, w.y];
					(d.shape as Konva.Line).points(d.points);
					break;
				case 'pen': {
					const lx = d.points.at(-2)!;
					const ly = d.points.at(-1)!;
					// Skip points closer than a screen pixel: they add bytes, not shape.
					if (Math.hypot(w.x - lx, w.y - ly) * this.scale < 1.5) break;
					d.points.push(w.x, w.y);
					d.pressure.push(ev.pointerType === 'pen' && ev.pressure > 0 ? ev.pressure : 0.5);
					(d.shape as Konva.Line).points(d.points);
					break;
				}
				case 'pin':
					d.shape.position(w);
					d.start = w;
					break;
			}
		}
		this.#layer.batchDraw();
	}

	#finishDraft() {
		const d = this.#draft!;
		this.#draft = null;
		d.shape.destroy();
		this.#layer.batchDraw();
		const W = this.#page.width;
		const H = this.#page.height;
		const base: DraftMark = { kind: this.tool as MarkKind, box: { x: 0, y: 0, w: 0, h: 0 }, points: [], pressure: [], rects: [], text: '', color: this.color, stroke: this.stroke };
		switch (this.tool) {
			case 'pin': {
				const p = d.start;
				if (p.x < 0 || p.y < 0 || p.x > W || p.y > H) return;
				this.#opts.onCreate({ ...base, box: { x: unit(p.x / W), y: unit(p.y / H), w: 0, h: 0 } });
				return;
			}
			case 'rect':
			case 'ellipse': {
				const r = d.shape.getClientRect({ relativeTo: this.#world, skipStroke: true });
				if (r.width * this.scale < 4 && r.height * this.scale < 4) return;
				this.#opts.onCreate({ ...base, box: this.#relBox(r) });
				return;
			}
			case 'arrow':
			case 'line': {
				const [x1, y1, x2, y2] = d.points as [number, number, number, number];
				if (d.points.length < 4 || Math.hypot(x2 - x1, y2 - y1) * this.scale < 4) return;
				this.#opts.onCreate({ ...base, points: this.#rel(d.points), box: this.#bounds(d.points) });
				return;
			}
			case 'pen': {
				if (d.points.length < 4) return;
				const step = Math.ceil(d.pressure.length / MAX_POINTS);
				const points = d.points.filter((_, i) => Math.floor(i / 2) % step === 0);
				const pressure = d.pressure.filter((_, i) => i % step === 0);
				const hasPressure = pressure.some((p) => p !== 0.5);
				this.#opts.onCreate({ ...base, points: this.#rel(points), pressure: hasPressure ? pressure.map((p) => Math.round(p * 100) / 100) : [], box: this.#bounds(points) });
				return;
			}
		}
	}

	#bounds(points: number[]) {
		let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
		for (let i = 0; i < points.length; i += 2) {
			x0 = Math.min(x0, points[i]!);
			x1 = Math.max(x1, points[i]!);
			y0 = Math.min(y0, points[i + 1]!);
			y1 = Math.max(y1, points[i + 1]!);
		}
		return this.#relBox({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
	}

	#cancelDraft() {
		this.#draft?.shape.destroy();
		this.#draft = null;
	}
}
