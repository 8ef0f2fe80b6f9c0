// Review-room mark entries for the markup benchmarks: full, schema-valid `Mark` values shaped
// as the review room writes them (a rect on page 1, the whole entry replaced on every move).
import { markSchema, type Mark } from '#lib/shared/markup.ts';

/** A seeded generator, so runs and layouts get the same marks, moves and coordinates. */
export function mulberry32(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** 16 characters of the id alphabet, like `newId()`, but from the given generator. */
export function seededId(rnd: () => number): string {
	let s = '';
	for (let i = 0; i < 16; i++) s += ALPHABET[Math.floor(rnd() * 64)];
	return s;
}

/** A new rect mark by `user`, validated against the schema the server checks. */
export function rectMark(rnd: () => number, user: string, at: string): Mark {
	return markSchema.parse({
		type: 'mark',
		id: seededId(rnd),
		author: user,
		authorName: 'Bench Reviewer',
		by: user,
		createdAt: at,
		updatedAt: at,
		threadId: seededId(rnd),
		kind: 'rect',
		page: 1,
		time: null,
		box: { x: rnd() * 0.9, y: rnd() * 0.9, w: 0.05 + rnd() * 0.05, h: 0.05 + rnd() * 0.05 },
		points: [],
		pressure: [],
		rects: [],
		text: '',
		color: '#e5484d',
		stroke: 0.004
	});
}

/**
 * The same mark moved to a new x/y: a new revision of the whole entry. Coordinates are
 * unrounded doubles, as a pointer handler produces them.
 */
export const moved = (m: Mark, rnd: () => number, by: string, at: string): Mark => ({
	...m,
	box: { ...m.box, x: rnd() * 0.9, y: rnd() * 0.9 },
	by,
	updatedAt: at
});
