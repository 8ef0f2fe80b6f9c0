import Konva from 'konva';
import type { Mark, MarkKind } from '#lib/shared/markup.ts';
import { boundsOf, relativeBox, thin, toRelative, unit, type PageSize } from './geometry.ts';
import { PIN_RADIUS } from './mark-shapes.ts';

export type DraftMark = Pick<Mark, 'kind' | 'box' | 'points' | 'pressure' | 'rects' | 'text' | 'color' | 'stroke'>;
export type DrawKind = Exclude<MarkKind, 'highlight'>;
type Point = { x: number; y: number };
type Style = { color: string; stroke: number; page: PageSize; scale: number };

/**
 * Drawing one mark, as a small state machine: idle → drawing (a preview shape follows the
 * pointer) → idle, with the finished mark or nothing (a stray tap). Points are page pixels;
 * the result is page-relative.
 */
export class DrawTool {
	#state: { kind: 'idle' } | { kind: 'drawing'; tool: DrawKind; shape: Konva.Shape; start: Point; points: number[]; pressure: number[]; pointerId: number; style: Style } = { kind: 'idle' };

	get drawing() {
		return this.#state.kind === 'drawing';
	}

	owns(pointerId: number) {
		return this.#state.kind === 'drawing' && this.#state.pointerId === pointerId;
	}

	start(tool: DrawKind, at: Point, pressure: number, pointerId: number, style: Style, layer: Konva.Group) {
		const strokeWidth = Math.max(0.5, style.stroke * style.page.width);
		const look = { stroke: style.color, strokeWidth, listening: false, perfectDrawEnabled: false };
		const shape = {
			rect: () => new Konva.Rect({ ...at, width: 0, height: 0, ...look }),
			ellipse: () => new Konva.Ellipse({ ...at, radiusX: 0, radiusY: 0, ...look }),
			arrow: () => new Konva.Arrow({ points: [at.x, at.y, at.x, at.y], fill: style.color, pointerLength: 4 + strokeWidth * 3, pointerWidth: 4 + strokeWidth * 3, ...look }),
			line: () => new Konva.Line({ points: [at.x, at.y, at.x, at.y], lineCap: 'round', ...look }),
			pen: () => new Konva.Line({ points: [at.x, at.y], lineCap: 'round', lineJoin: 'round', tension: 0.4, ...look }),
			pin: () => new Konva.Circle({ ...at, radius: PIN_RADIUS / style.scale, fill: style.color, listening: false })
		}[tool]();
		layer.add(shape);
		this.#state = { kind: 'drawing', tool, shape, start: at, points: [at.x, at.y], pressure: [pressure], pointerId, style };
	}

	move(at: Point, pressure: number) {
		const d = this.#state;
		if (d.kind !== 'drawing') return;
		const s = d.start;
		switch (d.tool) {
			case 'rect':
				d.shape.setAttrs({ x: Math.min(s.x, at.x), y: Math.min(s.y, at.y), width: Math.abs(at.x - s.x), height: Math.abs(at.y - s.y) });
				break;
			case 'ellipse':
				d.shape.setAttrs({ x: (s.x + at.x) / 2, y: (s.y + at.y) / 2, radiusX: Math.abs(at.x - s.x) / 2, radiusY: Math.abs(at.y - s.y) / 2 });
				break;
			case 'arrow':
			case 'line':
				d.points = [s.x, s.y, at.x, at.y];
				(d.shape as Konva.Line).points(d.points);
				break;
			case 'pen': {
				// Points closer than a screen pixel add bytes, not shape.
				if (Math.hypot(at.x - d.points.at(-2)!, at.y - d.points.at(-1)!) * d.style.scale < 1.5) break;
				d.points.push(at.x, at.y);
				d.pressure.push(pressure);
				(d.shape as Konva.Line).points(d.points);
				break;
			}
			case 'pin':
				d.shape.position(at);
				d.start = at;
				break;
		}
	}

	/** The finished mark, or null when the gesture was too small to mean one. */
	finish(world: Konva.Group): DraftMark | null {
		const d = this.#state;
		if (d.kind !== 'drawing') return null;
		this.#state = { kind: 'idle' };
		const rect = d.shape.getClientRect({ relativeTo: world, skipStroke: true });
		d.shape.destroy();
		const { page, scale, color, stroke } = d.style;
		const base: DraftMark = { kind: d.tool, box: { x: 0, y: 0, w: 0, h: 0 }, points: [], pressure: [], rects: [], text: '', color, stroke };
		const tiny = (px: number) => px * scale < 4;
		switch (d.tool) {
			case 'pin': {
				const p = d.start;
				if (p.x < 0 || p.y < 0 || p.x > page.width || p.y > page.height) return null;
				return { ...base, box: { x: unit(p.x / page.width), y: unit(p.y / page.height), w: 0, h: 0 } };
			}
			case 'rect':
			case 'ellipse':
				return tiny(rect.width) && tiny(rect.height) ? null : { ...base, box: relativeBox(rect, page) };
			case 'arrow':
			case 'line': {
				const [x1, y1, x2, y2] = d.points as [number, number, number, number];
				if (d.points.length < 4 || tiny(Math.hypot(x2 - x1, y2 - y1))) return null;
				return { ...base, points: toRelative(d.points, page), box: boundsOf(d.points, page) };
			}
			case 'pen': {
				if (d.points.length < 4) return null;
				const t = thin(d.points, d.pressure);
				const hasPressure = t.pressure.some((p) => p !== 0.5);
				return { ...base, points: toRelative(t.points, page), pressure: hasPressure ? t.pressure.map((p) => Math.round(p * 100) / 100) : [], box: boundsOf(t.points, page) };
			}
		}
	}

	cancel() {
		if (this.#state.kind === 'drawing') this.#state.shape.destroy();
		this.#state = { kind: 'idle' };
	}
}
