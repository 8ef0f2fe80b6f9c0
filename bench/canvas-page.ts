// The canvas bench's in-page code: functions serialised into the browser with
// page.evaluate, so each is self-contained (no imports, no closures over this module).
import type { Mark } from '#lib/shared/markup.ts';

export type PageMark = Pick<Mark, 'id' | 'kind' | 'box' | 'points' | 'pressure' | 'color' | 'stroke'>;
export type Frames = { times: number[]; panned: number; draws: number };
export type DrawCost = { scene: number; hit: number; panHandler: number };

/**
 * Pans on every animation frame for `seconds` through `window.__pan(dx, dy)` and records the
 * time between consecutive frames (requestAnimationFrame timestamps). The same sequence of
 * deltas in both pages: 4 px right and 3 px down, reversing every 60 frames.
 */
export function panFrames(seconds: number): Promise<Frames> {
	const w = window as unknown as { __pan: (dx: number, dy: number) => void; __draws: number };
	const pan = w.__pan;
	const draws0 = w.__draws;
	return new Promise((resolve) => {
		const times: number[] = [];
		let last: number | null = null;
		let start = 0;
		let frame = 0;
		const tick = (t: number) => {
			if (last === null) start = t;
			else times.push(t - last);
			last = t;
			if (t - start >= seconds * 1000) return resolve({ times, panned: frame, draws: w.__draws - draws0 });
			const dir = Math.floor(frame / 60) % 2 === 0 ? 1 : -1;
			frame++;
			pan(4 * dir, 3 * dir);
			requestAnimationFrame(tick);
		};
		requestAnimationFrame(tick);
	});
}

/** Median time of the marks layer's drawScene and drawHit, and of one pan's synchronous work. */
export function drawCost(): DrawCost {
	type L = { drawScene: () => void; drawHit: () => void };
	const w = window as unknown as { __layer: L; __pan: (dx: number, dy: number) => void };
	const med = (fn: () => void) => {
		const xs: number[] = [];
		for (let i = 0; i < 15; i++) {
			const t = performance.now();
			fn();
			xs.push(performance.now() - t);
		}
		xs.sort((a, b) => a - b);
		return xs[7]!;
	};
	let d = 1;
	return {
		scene: med(() => w.__layer.drawScene()),
		hit: med(() => w.__layer.drawHit()),
		// The pan itself (event handling, transform, bookkeeping), its drawing left to the next frame.
		panHandler: med(() => w.__pan(2 * (d = -d), d))
	};
}

/** Loupe's page: finds its stage and defines the pan as a wheel event on the stage container. */
export function hookLoupe(): { width: number; height: number; image: string; pins: number } {
	type KNode = { getChildren: () => KNode[]; image: () => HTMLImageElement; getClassName: () => string };
	const K = (window as unknown as { Konva: { stages: { getLayers: () => KNode[] }[] } }).Konva;
	const layer = K.stages[0]!.getLayers()[0]!;
	const [bg, marks] = layer.getChildren()[0]!.getChildren();
	const el = document.querySelector<HTMLElement>('[data-testid="review-stage"] > div')!;
	const r = el.getBoundingClientRect();
	const w = window as unknown as Record<string, unknown>;
	w.__layer = layer;
	w.__draws = 0;
	(layer as unknown as { on: (e: string, f: () => void) => void }).on('draw', () => (w.__draws as number)++);
	w.__pan = (dx: number, dy: number) =>
		el.dispatchEvent(new WheelEvent('wheel', { deltaX: dx, deltaY: dy, deltaMode: 0, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true, cancelable: true }));
	return { width: el.clientWidth, height: el.clientHeight, image: bg!.image().src, pins: marks!.getChildren().filter((n) => n.getClassName() === 'Group').length };
}

/**
 * The reference: one stage the size of Loupe's, one layer, one group (the page, fitted as
 * Loupe's Viewport fits it) holding the background image and the marks, built as
 * src/lib/review/mark-shapes.ts builds them (same node types and attributes).
 */
export async function buildReference(a: { marks: PageMark[]; image: string; width: number; height: number }) {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	const Konva = (window as any).Konva;
	const img = new Image();
	img.src = a.image;
	await img.decode();
	const W = img.naturalWidth;
	const H = img.naturalHeight;
	const host = document.createElement('div');
	host.style.cssText = `position:absolute;left:0;top:0;width:${a.width}px;height:${a.height}px;background:#e6e9ee`;
	document.body.style.margin = '0';
	document.body.append(host);
	const stage = new Konva.Stage({ container: host, width: a.width, height: a.height });
	const layer = new Konva.Layer();
	const fit = Math.min((a.width - 32) / W, (a.height - 32) / H);
	const group = new Konva.Group({ x: (a.width - W * fit) / 2, y: (a.height - H * fit) / 2, scaleX: fit, scaleY: fit });
	group.add(new Konva.Image({ image: img, width: W, height: H, listening: false, perfectDrawEnabled: false }));
	const PIN_RADIUS = 13;
	const px = (pts: number[]) => pts.map((v, i) => (i % 2 === 0 ? v * W : v * H));
	for (const m of a.marks) {
		const common = { stroke: m.color, strokeWidth: Math.max(0.5, m.stroke * W), perfectDrawEnabled: false, shadowForStrokeEnabled: false, hitStrokeWidth: 12 };
		const b = m.box;
		let node;
		if (m.kind === 'pin') {
			node = new Konva.Group({ x: b.x * W, y: b.y * H });
			node.add(new Konva.Circle({ radius: PIN_RADIUS, fill: m.color, stroke: '#fff', strokeWidth: 2, perfectDrawEnabled: false }));
			// The label is the thread's number; the seeded marks have no threads, so it is empty, as in Loupe.
			node.add(new Konva.Text({ text: '', fontSize: 12, fontStyle: 'bold', fill: '#fff', width: PIN_RADIUS * 2, align: 'center', x: -PIN_RADIUS, y: -6, listening: false }));
			node.scale({ x: 1 / fit, y: 1 / fit });
		} else if (m.kind === 'rect') node = new Konva.Rect({ x: b.x * W, y: b.y * H, width: b.w * W, height: b.h * H, ...common });
		else if (m.kind === 'ellipse') node = new Konva.Ellipse({ x: (b.x + b.w / 2) * W, y: (b.y + b.h / 2) * H, radiusX: (b.w / 2) * W, radiusY: (b.h / 2) * H, ...common });
		else if (m.kind === 'arrow') node = new Konva.Arrow({ points: px(m.points), pointerLength: 4 + m.stroke * W * 3, pointerWidth: 4 + m.stroke * W * 3, fill: m.color, ...common });
		else if (m.kind === 'line') node = new Konva.Line({ points: px(m.points), lineCap: 'round', ...common });
		else {
			const pts = px(m.points);
			const base = Math.max(0.5, m.stroke * W);
			if (m.pressure.length * 2 !== m.points.length || m.pressure.every((p) => p === 0.5)) {
				node = new Konva.Line({ points: pts, stroke: m.color, strokeWidth: base, lineCap: 'round', lineJoin: 'round', tension: 0.4, perfectDrawEnabled: false, hitStrokeWidth: 12 });
			} else {
				const pressure = m.pressure;
				node = new Konva.Shape({
					stroke: m.color,
					hitStrokeWidth: 12,
					perfectDrawEnabled: false,
					// eslint-disable-next-line @typescript-eslint/no-explicit-any
					sceneFunc(ctx: any, shape: any) {
						ctx.lineCap = 'round';
						ctx.strokeStyle = m.color;
						for (let i = 2; i < pts.length; i += 2) {
							ctx.beginPath();
							ctx.moveTo(pts[i - 2], pts[i - 1]);
							ctx.lineTo(pts[i], pts[i + 1]);
							ctx.lineWidth = base * (0.3 + 1.4 * (pressure[i / 2] ?? 0.5));
							ctx.stroke();
						}
						ctx.beginPath();
						ctx.moveTo(pts[0] ?? 0, pts[1] ?? 0);
						for (let i = 2; i < pts.length; i += 2) ctx.lineTo(pts[i], pts[i + 1]);
						ctx.fillStrokeShape(shape);
					}
				});
			}
		}
		node.id(m.id);
		// Loupe makes one's own marks draggable with the select tool (the seeded author is the viewer).
		node.draggable(true);
		group.add(node);
	}
	layer.add(group);
	stage.add(layer);
	layer.draw();
	const w = window as unknown as Record<string, unknown>;
	w.__layer = layer;
	w.__draws = 0;
	layer.on('draw', () => (w.__draws as number)++);
	w.__pan = (dx: number, dy: number) => {
		group.position({ x: group.x() - dx, y: group.y() - dy });
		layer.batchDraw();
	};
	return group.getChildren().length - 1;
}
