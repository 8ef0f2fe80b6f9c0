import { describe, expect, it } from 'vitest';
import { Viewport } from './viewport.ts';

const near = (a: { x: number; y: number }, b: { x: number; y: number }) => {
	expect(a.x).toBeCloseTo(b.x, 6);
	expect(a.y).toBeCloseTo(b.y, 6);
};

describe('viewport', () => {
	it('fits the page centred, and maps screen and page points both ways', () => {
		const v = new Viewport();
		v.resize({ width: 1032, height: 832 }, { width: 2000, height: 1000 });
		v.fit();
		expect(v.scale).toBe(0.5);
		near(v.toScreen({ x: 0, y: 0 }), { x: 16, y: 166 });
		near(v.toPage(v.toScreen({ x: 0.3, y: 0.7 })), { x: 0.3, y: 0.7 });
	});

	it('zooms about the pointer: the spot under it stays under it', () => {
		const v = new Viewport();
		v.resize({ width: 800, height: 600 }, { width: 400, height: 300 });
		v.fit();
		const at = { x: 620, y: 140 };
		const before = v.toPage(at);
		v.zoomBy(3, at);
		near(v.toPage(at), before);
		v.zoomBy(1000);
		expect(v.zoom).toBe(16);
	});

	it('carries a view between screens of different sizes: a follower sees the same spot at the same zoom', () => {
		const presenter = new Viewport();
		presenter.resize({ width: 1600, height: 900 }, { width: 1200, height: 800 });
		presenter.fit();
		presenter.zoomBy(2.5, { x: 300, y: 200 });
		const follower = new Viewport();
		follower.resize({ width: 800, height: 1100 }, { width: 1200, height: 800 });
		follower.setView(presenter.view());
		expect(follower.zoom).toBe(presenter.zoom);
		near(follower.toPage({ x: 400, y: 550 }), presenter.toPage({ x: 800, y: 450 }));
	});
});
