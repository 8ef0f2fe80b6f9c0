// Review-room mark entries for the markup benchmarks: full, schema-valid `Mark` values shaped
// as the review room writes them (a rect on page 1, the whole entry replaced on every move).
import { markSchema, type Mark } from '#lib/shared/markup.ts';
import { markEntry } from '#lib/shared/markup-fixtures.ts';

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

const COLOURS = ['#e5484d', '#f76b15', '#ffc53d', '#30a46c', '#0090ff', '#8e4ec6'];
/** Kind mix of a busy proof: boxes and arrows, some freehand, pins for point comments. */
const MIX: [Mark['kind'], number][] = [
	['rect', 0.25],
	['ellipse', 0.15],
	['arrow', 0.15],
	['line', 0.1],
	['pen', 0.2],
	['pin', 0.15]
];
const clampUnit = (v: number) => Math.min(1.2, Math.max(-0.2, v));

/** A busy page's marks: a seeded mix of kinds at random places, all by `user`. */
export function makeMarks(n: number, user: string, authorName: string, seed: number): Mark[] {
	const rnd = mulberry32(seed);
	const pick = () => {
		let r = rnd();
		for (const [k, w] of MIX) if ((r -= w) < 0) return k;
		return 'rect';
	};
	const out: Mark[] = [];
	for (let i = 0; i < n; i++) {
		const kind = pick();
		const x = rnd() * 0.92;
		const y = rnd() * 0.92;
		const over: Partial<Mark> = {
			id: seededId(rnd),
			threadId: seededId(rnd),
			authorName,
			kind,
			color: COLOURS[Math.floor(rnd() * COLOURS.length)]!,
			stroke: 0.002 + rnd() * 0.004
		};
		if (kind === 'rect' || kind === 'ellipse') over.box = { x, y, w: 0.02 + rnd() * 0.1, h: 0.02 + rnd() * 0.1 };
		else if (kind === 'pin') over.box = { x, y, w: 0, h: 0 };
		else if (kind === 'arrow' || kind === 'line') {
			over.points = [x, y, clampUnit(x + (rnd() - 0.5) * 0.2), clampUnit(y + (rnd() - 0.5) * 0.2)];
			over.box = { x, y, w: 0, h: 0 };
		} else {
			// Freehand, 20–60 points of a wandering stroke; half drawn with a stylus (pressure per
			// point: segments of varying width), half with a mouse (one smooth line).
			const count = 20 + Math.floor(rnd() * 41);
			const pts: number[] = [];
			let px = x;
			let py = y;
			let ax = (rnd() - 0.5) * 0.006;
			let ay = (rnd() - 0.5) * 0.006;
			for (let k = 0; k < count; k++) {
				pts.push(px, py);
				ax += (rnd() - 0.5) * 0.002;
				ay += (rnd() - 0.5) * 0.002;
				px = clampUnit(px + ax);
				py = clampUnit(py + ay);
			}
			over.points = pts;
			over.pressure = rnd() < 0.5 ? [] : Array.from({ length: count }, (_, k) => Math.round((0.3 + 0.5 * Math.sin((k / count) * Math.PI) + rnd() * 0.1) * 1000) / 1000);
			over.box = { x, y, w: 0, h: 0 };
		}
		out.push(markSchema.parse(markEntry(user, over)));
	}
	return out;
}
