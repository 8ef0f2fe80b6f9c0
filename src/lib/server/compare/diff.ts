import sharp from 'sharp';

export type Box = { x: number; y: number; w: number; h: number };
export type ImageDiff = { width: number; height: number; regions: Box[]; changed: number };

/**
 * Where two renderings of a page differ, as boxes in page-relative 0–1 coordinates. Both
 * are decoded at the same size (the second stretched to the first's if they differ); a
 * pixel differs when any channel moves by more than `threshold`; the page is cut into
 * `cell`-pixel squares, a square counts when enough of its pixels differ (so anti-aliasing
 * and JPEG noise don't), and touching squares merge into one box.
 */
export async function imageDiff(a: Buffer, b: Buffer, opts: { width?: number; threshold?: number; cell?: number; minPixels?: number } = {}): Promise<ImageDiff> {
	const width = opts.width ?? 1024;
	const threshold = opts.threshold ?? 40;
	const cell = opts.cell ?? 16;
	const minPixels = opts.minPixels ?? 6;
	const first = await sharp(a).resize({ width, withoutEnlargement: false }).flatten({ background: '#ffffff' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
	const { width: w, height: h } = first.info;
	const second = await sharp(b).resize({ width: w, height: h, fit: 'fill' }).flatten({ background: '#ffffff' }).removeAlpha().raw().toBuffer();
	const pa = first.data;
	const cols = Math.ceil(w / cell);
	const rows = Math.ceil(h / cell);
	const counts = new Uint16Array(cols * rows);
	let changed = 0;
	for (let y = 0; y < h; y++) {
		const rowBase = y * w * 3;
		const cellRow = ((y / cell) | 0) * cols;
		for (let x = 0; x < w; x++) {
			const i = rowBase + x * 3;
			const d = Math.max(Math.abs(pa[i]! - second[i]!), Math.abs(pa[i + 1]! - second[i + 1]!), Math.abs(pa[i + 2]! - second[i + 2]!));
			if (d > threshold) {
				counts[cellRow + ((x / cell) | 0)]!++;
				changed++;
			}
		}
	}
	// Connected squares (8-neighbours, with a one-square gap bridged) become one box.
	const hot = new Uint8Array(cols * rows);
	for (let i = 0; i < hot.length; i++) hot[i] = counts[i]! >= minPixels ? 1 : 0;
	const seen = new Uint8Array(cols * rows);
	const regions: Box[] = [];
	const stack: number[] = [];
	for (let start = 0; start < hot.length; start++) {
		if (!hot[start] || seen[start]) continue;
		let x0 = cols, y0 = rows, x1 = -1, y1 = -1;
		stack.push(start);
		seen[start] = 1;
		while (stack.length) {
			const c = stack.pop()!;
			const cx = c % cols;
			const cy = (c / cols) | 0;
			x0 = Math.min(x0, cx); y0 = Math.min(y0, cy); x1 = Math.max(x1, cx); y1 = Math.max(y1, cy);
			for (let dy = -2; dy <= 2; dy++) {
				for (let dx = -2; dx <= 2; dx++) {
					const nx = cx + dx;
					const ny = cy + dy;
					if (nx < 0 || ny < 0 || nx >= cols || ny >= rows) continue;
					const n = ny * cols + nx;
					if (hot[n] && !seen[n]) {
						seen[n] = 1;
						stack.push(n);
					}
				}
			}
		}
		const px = x0 * cell, py = y0 * cell;
		regions.push({ x: px / w, y: py / h, w: (Math.min(w, (x1 + 1) * cell) - px) / w, h: (Math.min(h, (y1 + 1) * cell) - py) / h });
	}
	regions.sort((p, q) => q.w * q.h - p.w * p.h);
	return { width: w, height: h, regions, changed: changed / (w * h) };
}

export type WordOp = { op: 'same' | 'added' | 'removed'; text: string };

/**
 * Added and removed words between two texts (Myers' diff over words), with runs of
 * unchanged words collapsed to a little context. Texts beyond `maxWords` are cut.
 */
export function wordDiff(before: string, after: string, opts: { maxWords?: number; context?: number } = {}): { ops: WordOp[]; added: number; removed: number } {
	const max = opts.maxWords ?? 20_000;
	const context = opts.context ?? 6;
	const a = before.split(/\s+/).filter(Boolean).slice(0, max);
	const b = after.split(/\s+/).filter(Boolean).slice(0, max);
	const n = a.length, m = b.length;
	const offset = n + m;
	const v = new Int32Array(2 * offset + 2);
	const trace: Int32Array[] = [];
	let found = false;
	for (let d = 0; d <= n + m && !found; d++) {
		trace.push(v.slice());
		for (let k = -d; k <= d; k += 2) {
			let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
			let y = x - k;
			while (x < n && y < m && a[x] === b[y]) { x++; y++; }
			v[offset + k] = x;
			if (x >= n && y >= m) { found = true; break; }
		}
	}
	// Walk the trace back into edits.
	const ops: WordOp[] = [];
	let x = n, y = m;
	for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
		const vd = trace[d]!;
		const k = x - y;
		const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
		const prevX = vd[offset + prevK]!;
		const prevY = prevX - prevK;
		while (x > prevX && y > prevY) ops.push({ op: 'same', text: a[--x]! }), y--;
		if (d > 0) {
			if (x === prevX) ops.push({ op: 'added', text: b[--y]! });
			else ops.push({ op: 'removed', text: a[--x]! });
		}
	}
	ops.reverse();
	// Merge runs of the same kind, and keep only a little unchanged context around changes.
	const merged: WordOp[] = [];
	for (const o of ops) {
		const last = merged.at(-1);
		if (last?.op === o.op) last.text += ` ${o.text}`;
		else merged.push({ ...o });
	}
	const out = merged.map((o, i) => {
		if (o.op !== 'same') return o;
		const words = o.text.split(' ');
		if (words.length <= context * 2) return o;
		const head = i > 0 ? words.slice(0, context).join(' ') : '';
		const tail = i < merged.length - 1 ? words.slice(-context).join(' ') : '';
		return { op: 'same' as const, text: [head, '…', tail].filter(Boolean).join(' ') };
	});
	return { ops: out, added: ops.filter((o) => o.op === 'added').length, removed: ops.filter((o) => o.op === 'removed').length };
}
