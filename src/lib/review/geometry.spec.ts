import { describe, expect, it } from 'vitest';
import { boundsOf, relativeBox, thin, toPixels, toRelative, unit } from './geometry.ts';

const page = { width: 2000, height: 1000 };

describe('page-relative geometry', () => {
	it('converts between page pixels and page-relative units, whatever the page size', () => {
		expect(toRelative([500, 250, 2000, 1000], page)).toEqual([0.25, 0.25, 1, 1]);
		expect(toPixels([0.25, 0.25], page)).toEqual([500, 250]);
		expect(relativeBox({ x: 200, y: 100, width: 1000, height: 500 }, page)).toEqual({ x: 0.1, y: 0.1, w: 0.5, h: 0.5 });
		expect(boundsOf([400, 900, 100, 100, 300, 500], page)).toEqual({ x: 0.05, y: 0.1, w: 0.15, h: 0.8 });
	});

	it('keeps marks within what the server accepts, and long strokes under its point limit', () => {
		expect(unit(7)).toBe(1.5);
		expect(unit(-3)).toBe(-0.5);
		expect(unit(0.123456789)).toBe(0.12346);
		const n = 25_000;
		const points = Array.from({ length: n * 2 }, (_, i) => i);
		const pressure = Array.from({ length: n }, () => 0.5);
		const t = thin(points, pressure);
		expect(t.pressure.length).toBeLessThanOrEqual(10_000);
		expect(t.points.length).toBe(t.pressure.length * 2);
		expect(t.points.slice(0, 4)).toEqual([0, 1, 6, 7]);
	});
});
