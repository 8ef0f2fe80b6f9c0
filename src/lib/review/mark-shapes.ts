import Konva from 'konva';
import type { Mark } from '#lib/shared/markup.ts';
import { relativeBox, toPixels, toRelative, unit, type PageSize } from './geometry.ts';

export const PIN_RADIUS = 13;
/** Marks whose geometry is their box (a drag or resize rewrites the box, not points). */
export const BOX_KINDS = new Set<Mark['kind']>(['rect', 'ellipse', 'pin', 'highlight']);

/**
 * The Konva node for a mark, drawn in page pixels. Strokes scale with the page (they are
 * part of the proof's markup); pins are scaled by the stage to keep their size on screen.
 */
export function markNode(m: Mark, page: PageSize, label: string): Konva.Shape | Konva.Group {
	const W = page.width;
	const H = page.height;
	const common = { stroke: m.color, strokeWidth: Math.max(0.5, m.stroke * W), perfectDrawEnabled: false, shadowForStrokeEnabled: false, hitStrokeWidth: 12 };
	const b = m.box;
	switch (m.kind) {
		case 'pin': {
			const g = new Konva.Group({ x: b.x * W, y: b.y * H });
			g.add(new Konva.Circle({ radius: PIN_RADIUS, fill: m.color, stroke: '#fff', strokeWidth: 2, perfectDrawEnabled: false }));
			g.add(new Konva.Text({ text: label, fontSize: 12, fontStyle: 'bold', fill: '#fff', width: PIN_RADIUS * 2, align: 'center', x: -PIN_RADIUS, y: -6, listening: false }));
			return g;
		}
		case 'rect':
			return new Konva.Rect({ x: b.x * W, y: b.y * H, width: b.w * W, height: b.h * H, ...common });
		case 'ellipse':
			return new Konva.Ellipse({ x: (b.x + b.w / 2) * W, y: (b.y + b.h / 2) * H, radiusX: (b.w / 2) * W, radiusY: (b.h / 2) * H, ...common });
		case 'highlight': {
			const g = new Konva.Group();
			for (const r of m.rects.length ? m.rects : [b]) g.add(new Konva.Rect({ x: r.x * W, y: r.y * H, width: r.w * W, height: r.h * H, fill: m.color, opacity: 0.35, perfectDrawEnabled: false }));
			return g;
		}
		case 'arrow':
			return new Konva.Arrow({ points: toPixels(m.points, page), pointerLength: 4 + m.stroke * W * 3, pointerWidth: 4 + m.stroke * W * 3, fill: m.color, ...common });
		case 'line':
			return new Konva.Line({ points: toPixels(m.points, page), lineCap: 'round', ...common });
		case 'pen':
			return penNode(m, page);
	}
}

/** Freehand: one smooth line, or segments of varying width where the pen reported pressure. */
function penNode(m: Mark, page: PageSize): Konva.Shape {
	const pts = toPixels(m.points, page);
	const base = Math.max(0.5, m.stroke * page.width);
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

/** A mark's page-relative geometry after its node was dragged or resized on the stage. */
export function movedGeometry(m: Mark, node: Konva.Node, world: Konva.Group, page: PageSize): Partial<Pick<Mark, 'box' | 'points'>> {
	if (m.kind === 'pin') return { box: { ...m.box, x: unit(node.x() / page.width), y: unit(node.y() / page.height) } };
	if (BOX_KINDS.has(m.kind)) return { box: relativeBox(node.getClientRect({ relativeTo: world, skipStroke: true }), page) };
	const t = node.getTransform();
	const pts = toPixels(m.points, page);
	const moved: number[] = [];
	for (let i = 0; i < pts.length; i += 2) {
		const p = t.point({ x: pts[i]!, y: pts[i + 1]! });
		moved.push(p.x, p.y);
	}
	return { points: toRelative(moved, page) };
}
