import type { Mark } from '#lib/shared/markup.ts';

/** A page's size in its own pixels: image pixels, PDF points, video frame pixels. */
export type PageSize = { readonly width: number; readonly height: number };
export type Box = Mark['box'];

export const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
/** Page-relative, rounded to 1e-5, within what the server accepts (half a page past each edge). */
export const unit = (v: number) => Math.round(clamp(v, -0.5, 1.5) * 1e5) / 1e5;
const size = (v: number) => Math.round(clamp(v, 0, 2) * 1e5) / 1e5;

/** Page pixels of page-relative x, y pairs. */
export const toPixels = (points: readonly number[], page: PageSize) => points.map((v, i) => (i % 2 === 0 ? v * page.width : v * page.height));

/** Page-relative x, y pairs of page pixels. */
export const toRelative = (points: readonly number[], page: PageSize) => points.map((v, i) => unit(i % 2 === 0 ? v / page.width : v / page.height));

export const relativeBox = (r: { x: number; y: number; width: number; height: number }, page: PageSize): Box => ({
	x: unit(r.x / page.width),
	y: unit(r.y / page.height),
	w: size(r.width / page.width),
	h: size(r.height / page.height)
});

/** The page-relative bounding box of points given in page pixels. */
export function boundsOf(points: readonly number[], page: PageSize): Box {
	let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
	for (let i = 0; i < points.length; i += 2) {
		x0 = Math.min(x0, points[i]!);
		x1 = Math.max(x1, points[i]!);
		y0 = Math.min(y0, points[i + 1]!);
		y1 = Math.max(y1, points[i + 1]!);
	}
	return relativeBox({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, page);
}

/** The server takes at most 10,000 points per stroke; a longer one keeps every n-th point. */
export function thin(points: readonly number[], pressure: readonly number[], max = 10_000) {
	const step = Math.ceil(pressure.length / max);
	if (step <= 1) return { points: [...points], pressure: [...pressure] };
	return { points: points.filter((_, i) => Math.floor(i / 2) % step === 0), pressure: pressure.filter((_, i) => i % step === 0) };
}
