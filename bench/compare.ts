// Difference overlay for two 2048 px previews (version compare, issue #5): Loupe's imageDiff
// (cell grid, at the service's working width and at full width) against a naive full-resolution
// per-pixel diff, then the compare service's first request and its stored answer (local
// storage), and wordDiff on two 5,000-word texts; same images, interleaved, one run.
//   node bench/compare.ts [--iterations 20]
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { createHash, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { imageDiff, wordDiff, type Box } from '#lib/server/compare/diff.ts';
import { createCompareService } from '#lib/server/compare/compare.service.ts';
import { createLocalStorage } from '#lib/server/storage/local-storage.ts';
import { processImage } from '#lib/server/ingest/image.ts';
import type { AssetService } from '#lib/server/assets/asset.service.ts';
import type { Repositories } from '#lib/server/db/repositories.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { mulberry32 } from './marks.ts';
import { machine, percentile, writeSection } from './results.ts';

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '20' }, cold: { type: 'string' } } });
const N = Number(values.iterations);
const dir = path.join(import.meta.dirname, '.work', 'compare');
const W = 2048, H = 1536;
// As in the server, where ingest/image.ts turns libvips' operation cache off: no iteration
// may be served a cached decode of the same bytes.
sharp.cache(false);

/** A poster: gradient, a photographic (turbulence) panel, headline, colour block, body copy, footer. */
function poster(v: 'before' | 'after') {
	const after = v === 'after';
	const lines = ['New season, new colours: wool, linen and', 'recycled cotton in twelve shades. In stores', 'from 4 October, online from today. Prices', 'include VAT; offer while stocks last.'];
	return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#f4efe6"/><stop offset="1" stop-color="#d9c9b0"/></linearGradient>
<filter id="photo"><feTurbulence type="fractalNoise" baseFrequency="0.008" numOctaves="5" seed="7"/><feColorMatrix values="0.9 0.3 0 0 0.1  0.5 0.6 0.1 0 0.05  0.2 0.3 0.4 0 0.05  0 0 0 0 1"/></filter></defs>
<rect width="${W}" height="${H}" fill="url(#g)"/>
<rect x="80" y="300" width="1100" height="960" filter="url(#photo)"/>
<text x="${after ? 130 : 80}" y="${after ? 250 : 210}" font-family="DejaVu Sans" font-weight="bold" font-size="130" fill="#222">Autumn Collection</text>
<rect x="1260" y="380" width="700" height="400" rx="24" fill="${after ? '#2e86c1' : '#c0392b'}"/>
<text x="1610" y="650" text-anchor="middle" font-family="DejaVu Sans" font-weight="bold" font-size="190" fill="#fff">−30%</text>
${lines.map((l, i) => `<text x="1260" y="${880 + i * 56}" font-family="DejaVu Serif" font-size="34" fill="#333">${l}</text>`).join('')}
<rect y="1380" width="${W}" height="${H - 1380}" fill="#1d1d1f"/>
<text x="80" y="1475" font-family="DejaVu Sans" font-size="48" fill="#eee">loupe-store.example · 0800 123 456</text>
${after ? '<rect x="1660" y="1410" width="300" height="96" rx="12" fill="#fff"/><circle cx="1716" cy="1458" r="32" fill="#e67e22"/><text x="1764" y="1476" font-family="DejaVu Sans" font-weight="bold" font-size="48" fill="#1d1d1f">LOGO</text>' : ''}
</svg>`);
}

/** Both versions through Loupe's own ingest, so the inputs are the stored 2048 px renditions. */
async function previews() {
	fs.mkdirSync(dir, { recursive: true });
	const out: Record<string, Buffer> = {};
	for (const v of ['before', 'after'] as const) {
		const svg = poster(v);
		const base = `${v}-${createHash('sha256').update(svg).digest('hex').slice(0, 8)}`;
		for (const [name, ext] of [['preview', 'webp'], ['preview-jpeg', 'jpg']]) {
			const file = path.join(dir, `${base}.${ext}`);
			if (!fs.existsSync(file)) {
				const r = await processImage(await sharp(svg).png().toBuffer());
				for (const x of r.renditions) if (x.name.startsWith('preview')) fs.writeFileSync(path.join(dir, `${base}.${x.ext}`), x.data);
			}
			out[`${v}-${name}`] = fs.readFileSync(file);
		}
	}
	return out;
}

/**
 * Baseline: what one writes first. Decode both previews at full size, compare every pixel
 * (same threshold), and flood-fill the changed pixels (8-neighbours) into boxes: no working
 * width, no cell grid, so a change whose pixels do not touch comes back in pieces, and codec
 * noise past the threshold as specks.
 */
async function naiveDiff(a: Buffer, b: Buffer, threshold = 40) {
	const first = await sharp(a).removeAlpha().raw().toBuffer({ resolveWithObject: true });
	const second = await sharp(b).removeAlpha().raw().toBuffer();
	const { width: w, height: h } = first.info;
	const pa = first.data;
	const hot = new Uint8Array(w * h);
	let changed = 0;
	for (let p = 0, i = 0; p < w * h; p++, i += 3) {
		if (Math.max(Math.abs(pa[i]! - second[i]!), Math.abs(pa[i + 1]! - second[i + 1]!), Math.abs(pa[i + 2]! - second[i + 2]!)) > threshold) {
			hot[p] = 1;
			changed++;
		}
	}
	const regions: Box[] = [];
	const stack = new Int32Array(w * h);
	for (let start = 0; start < hot.length; start++) {
		if (hot[start] !== 1) continue;
		let x0 = w, y0 = h, x1 = -1, y1 = -1, top = 0;
		stack[top++] = start;
		hot[start] = 2;
		while (top) {
			const c = stack[--top]!;
			const cx = c % w, cy = (c / w) | 0;
			if (cx < x0) x0 = cx;
			if (cx > x1) x1 = cx;
			if (cy < y0) y0 = cy;
			if (cy > y1) y1 = cy;
			for (let ny = Math.max(0, cy - 1); ny <= Math.min(h - 1, cy + 1); ny++) {
				for (let nx = Math.max(0, cx - 1); nx <= Math.min(w - 1, cx + 1); nx++) {
					const n = ny * w + nx;
					if (hot[n] === 1) (hot[n] = 2), (stack[top++] = n);
				}
			}
		}
		regions.push({ x: x0 / w, y: y0 / h, w: (x1 + 1 - x0) / w, h: (y1 + 1 - y0) / h });
	}
	return { width: w, height: h, regions, changed: changed / (w * h) };
}

const variants = (img: Record<string, Buffer>) => ({
	'loupe-1024': () => imageDiff(img['before-preview']!, img['after-preview']!),
	'loupe-2048': () => imageDiff(img['before-preview']!, img['after-preview']!, { width: 2048 }),
	'loupe-1024-jpeg': () => imageDiff(img['before-preview-jpeg']!, img['after-preview-jpeg']!),
	naive: () => naiveDiff(img['before-preview']!, img['after-preview']!)
});
type Variant = keyof ReturnType<typeof variants>;

if (values.cold) {
	// Child: the first diff in a fresh process (sharp loaded, libvips not yet used).
	const img = await previews();
	const t = performance.now();
	await variants(img)[values.cold as Variant]();
	console.log(JSON.stringify({ ms: performance.now() - t }));
	process.exit(0);
}

const ms = async (fn: () => unknown) => {
	const t = performance.now();
	await fn();
	return performance.now() - t;
};
const stats = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95), max: Math.max(...xs) });
const cold = (v: Variant) => JSON.parse(spawnSync(process.execPath, [import.meta.filename, '--cold', v], { encoding: 'utf8' }).stdout.trim().split('\n').at(-1)!).ms as number;

/** Pseudo-English with a skewed vocabulary, and a copy with ~2 % of words substituted, inserted or deleted. */
function texts(words = 5000, share = 0.02) {
	const rnd = mulberry32(5);
	const syl = ['ka', 'lo', 'ter', 'in', 'an', 'mis', 'tor', 're', 'de', 'pro', 'ment', 'al', 'ing', 'ver', 'sta', 'con'];
	const vocab = Array.from({ length: 1500 }, () => Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => syl[Math.floor(rnd() * syl.length)]).join(''));
	const pick = () => vocab[Math.floor(vocab.length * rnd() ** 3)]!;
	const before = Array.from({ length: words }, pick);
	const after: string[] = [];
	let edits = 0;
	for (const word of before) {
		const r = rnd();
		if (r >= share) {
			after.push(word);
			continue;
		}
		edits++;
		if (r < share * 0.6) after.push(pick()); // substituted
		else if (r < share * 0.8) after.push(word, pick()); // one inserted; otherwise deleted
	}
	return { before: before.join(' '), after: after.join(' '), edits };
}

const load = () => os.loadavg()[0]!.toFixed(2);
const loadStart = load();
const img = await previews();
const fns = variants(img);
const names = Object.keys(fns) as Variant[];
console.log(`previews: ${img['before-preview']!.length} + ${img['after-preview']!.length} bytes WebP, ${img['before-preview-jpeg']!.length} + ${img['after-preview-jpeg']!.length} bytes JPEG`);

const coldMs = Object.fromEntries(names.map((v) => [v, cold(v)])) as Record<Variant, number>;
const found = Object.fromEntries(await Promise.all(names.map(async (v) => [v, await fns[v]()]))) as Record<Variant, Awaited<ReturnType<(typeof fns)[Variant]>>>;
const times = Object.fromEntries(names.map((v) => [v, [] as number[]])) as Record<Variant, number[]>;
// Interleaved, so that the other work on this shared machine falls on every variant alike.
for (let i = 0; i < N; i++) for (const v of names) times[v].push(await ms(fns[v]));

// The compare service itself on local storage. The asset service is a stand-in that answers
// at once from the same files (its database reads are not timed here).
fs.rmSync(path.join(dir, 'storage'), { recursive: true, force: true });
const storage = createLocalStorage(path.join(dir, 'storage'));
const WS = randomUUID(), BEFORE = randomUUID(), AFTER = randomUUID();
const files: Record<string, string> = { [BEFORE]: `ws/${WS}/${BEFORE}/preview.webp`, [AFTER]: `ws/${WS}/${AFTER}/preview.webp` };
await storage.putBuffer(files[BEFORE]!, img['before-preview']!);
await storage.putBuffer(files[AFTER]!, img['after-preview']!);
const row = (id: string, number: number) => ({ id, number, workspaceId: WS, assetId: WS, kind: 'image', status: 'ready', textContent: null });
const versionRows: Record<string, ReturnType<typeof row>> = { [BEFORE]: row(BEFORE, 1), [AFTER]: row(AFTER, 2) };
const assets = { version: async (_: Actor, id: string) => ({ version: versionRows[id] }) } as unknown as AssetService;
const repos = { assets: { renditions: async (id: string) => [{ name: 'preview', key: files[id] }] } } as unknown as Repositories;
const deps = { assets, repos, storage, ensurePage: async () => null };
const actor: Actor = { user: { id: randomUUID(), email: 'bench@example.com', name: 'Bench', isInstanceAdmin: false }, via: { kind: 'cli' } };
const cacheKey = `ws/${WS}/${AFTER}/compare/${BEFORE}-0.json`;
const service = { first: [] as number[], stored: [] as number[], memo: [] as number[] };
for (let i = 0; i < N; i++) {
	await storage.delete(cacheKey);
	const s = createCompareService(deps);
	service.first.push(await ms(() => s.diff(actor, BEFORE, AFTER)));
	service.memo.push(await ms(() => s.diff(actor, BEFORE, AFTER)));
	// A fresh service: after a restart, or on another server process.
	service.stored.push(await ms(() => createCompareService(deps).diff(actor, BEFORE, AFTER)));
}
const jsonBytes = (await storage.size(cacheKey))!;

const t = texts();
const words = { cold: await ms(() => wordDiff(t.before, t.after)), times: [] as number[], result: wordDiff(t.before, t.after) };
for (let i = 0; i < N; i++) words.times.push(await ms(() => wordDiff(t.before, t.after)));
const loadEnd = load();

const rows: [string, number | null, ReturnType<typeof stats>, string][] = [
	['Loupe `imageDiff`, working width 1024 px (what the compare service runs), WebP previews', coldMs['loupe-1024'], stats(times['loupe-1024']), `${found['loupe-1024'].regions.length}`],
	['Loupe `imageDiff`, full width 2048 px, WebP previews', coldMs['loupe-2048'], stats(times['loupe-2048']), `${found['loupe-2048'].regions.length}`],
	['Loupe `imageDiff`, 1024 px, the JPEG fallback previews', coldMs['loupe-1024-jpeg'], stats(times['loupe-1024-jpeg']), `${found['loupe-1024-jpeg'].regions.length}`],
	['Baseline: naive full-resolution per-pixel diff (2048 px, every pixel, flood fill, no cell grid)', coldMs.naive, stats(times.naive), `${found.naive.regions.length}`],
	['Compare service, first request: read both previews from local storage, `imageDiff`, store the JSON', null, stats(service.first), ''],
	[`Compare service, stored answer (fresh service: stat + read + parse ${jsonBytes} bytes of JSON)`, null, stats(service.stored), ''],
	['Compare service, same process again (in-memory promise)', null, stats(service.memo), ''],
	[`\`wordDiff\`, ${t.before.split(' ').length.toLocaleString('en')} → ${t.after.split(' ').length.toLocaleString('en')} words, ${t.edits} edits (${words.result.added} added, ${words.result.removed} removed)`, words.cold, stats(words.times), '']
];
const f = (x: number) => (x < 1 ? x.toFixed(2) : x.toFixed(1));
console.table(rows.map(([name, c, s, regions]) => ({ path: name.slice(0, 70), cold: c === null ? '' : f(c), p50: f(s.p50), p95: f(s.p95), max: f(s.max), regions })));

const px = (r: Box) => `${Math.round(r.w * W)}×${Math.round(r.h * H)}`;
console.log(`boxes (px at ${W}): Loupe 1024 ${found['loupe-1024'].regions.map(px).join(', ')}; naive ${found.naive.regions.map(px).join(', ')}`);
const specks = found.naive.regions.filter((r) => r.w * W < 16 && r.h * H < 16).length;
const first = stats(service.first), base = stats(times.naive), l1024 = stats(times['loupe-1024']), l2048 = stats(times['loupe-2048']);
const worstFirst = Math.max(first.p95, coldMs['loupe-1024']);
const met = worstFirst < 300;
writeSection(
	'compare',
	`## Compare (issue #5): difference overlay for two 2048 px previews

${new Date().toISOString().slice(0, 10)} · ${machine()} · load average ${loadStart} at the start, ${loadEnd} at the end (the machine is shared; other people's tests ran alongside). One ${W}×${H} poster (gradient, a photographic turbulence panel, headline, colour block, body copy, footer) rendered twice by sharp from SVG; the second has the headline moved 50 px right and 40 px down, the colour block changed from red to blue and a new logo box in the footer. Both went through Loupe's ingest (\`processImage\`), so the inputs are the stored 2048 px renditions: WebP \`preview\` (${img['before-preview']!.length.toLocaleString('en')} and ${img['after-preview']!.length.toLocaleString('en')} bytes, what the compare service reads) and the JPEG fallback. ${N} timed runs per row, the image rows interleaved; libvips' operation cache off, as in the server. "Cold" is the first diff in a fresh Node process (sharp loaded, libvips not yet used). The service rows run the real \`createCompareService\` on the local storage adapter with a stand-in asset service, so the database lookups and HTTP are not in these times.

| path | cold ms | p50 ms | p95 ms | max ms | boxes |
|---|---|---|---|---|---|
${rows.map(([name, c, s, regions]) => `| ${name} | ${c === null ? '–' : f(c)} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.max)} | ${regions || '–'} |`).join('\n')}

Boxes: there are three changes, so three boxes is the right answer. Loupe's at 1024 px are ${found['loupe-1024'].regions.map(px).join(', ')} px (in 2048 px terms). The naive diff returns ${found.naive.regions.length} (${found.naive.regions.map(px).join(', ')} px; ${specks} of them specks under 16×16 px): without the grid, a change whose changed pixels do not touch, such as the letters of the moved headline, comes back in pieces. The grid bridges gaps of up to two cells within one change and drops cells with only a few changed pixels (anti-aliasing, codec noise).
The previews' format matters too: at 1024 px the diff of the JPEG fallbacks takes ${(stats(times['loupe-1024-jpeg']).p50 / l1024.p50).toFixed(2)}× the time of the WebP previews (p50), the same code on the same decoded size, so the difference is in decoding.
Ratio Loupe (1024 px) / naive baseline: p50 **${(l1024.p50 / base.p50).toFixed(2)}×**, p95 ${(l1024.p95 / base.p95).toFixed(2)}×; at full 2048 px width: p50 ${(l2048.p50 / base.p50).toFixed(2)}×.
Target: the overlay computes in under 300 ms in the browser, or is precomputed by a job and cached. Loupe precomputes it: the \`precompute-compare\` job, queued after each version's ingest, compares the new version with the one before it (page 1 for PDFs) and stores the answer, so reviewers opening that comparison read it (service, stored answer: p95 ${f(stats(service.stored).p95)} ms). Any other pair or page is computed on its first request and stored likewise (service p95 ${f(first.p95)} ms; ${f(coldMs['loupe-1024'])} ms as a fresh process's first diff). **${met ? 'Met' : 'Met by the job'}**: ${met ? `even uncached, the slower of the two first-request figures is ${f(worstFirst)} ms, under 300 ms` : `uncached first requests take ${f(worstFirst)} ms, over 300 ms, but the comparison reviewers open first is precomputed`} (database lookups and HTTP not timed here).
Reproduce: \`node bench/compare.ts\` or \`npm run bench -- compare\` (\`--iterations N\`, default 20; the previews are kept in bench/.work/compare).`
);
console.log(`target <300 ms or cached: ${met ? 'met' : 'not met'} (first request p95 ${f(first.p95)} ms, fresh-process ${f(coldMs['loupe-1024'])} ms); naive ratio ${(l1024.p50 / base.p50).toFixed(2)}×`);
