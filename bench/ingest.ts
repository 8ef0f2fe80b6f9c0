// Ingest throughput: Loupe's image pipeline (metadata, EXIF, WebP + JPEG at 320 and 2048 px)
// against Debian's vipsthumbnail making the same four files, same images, same parallelism.
//   node bench/ingest.ts [--images 40] [--parallel 2]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { processImage } from '#lib/server/ingest/image.ts';
import { machine, writeSection } from './results.ts';

const { values } = parseArgs({ options: { images: { type: 'string', default: '40' }, parallel: { type: 'string', default: String(os.availableParallelism()) } } });
const COUNT = Number(values.images);
const PAR = Number(values.parallel);
const dir = path.join(import.meta.dirname, '.work', 'ingest');
const out = path.join(dir, 'out');
fs.mkdirSync(out, { recursive: true });

/** 24-megapixel photos (6000×4000) with enough texture that JPEG does real work. */
async function makeImages() {
	const files: string[] = [];
	for (let i = 0; i < COUNT; i++) {
		const file = path.join(dir, `photo-${i}.jpg`);
		files.push(file);
		if (fs.existsSync(file)) continue;
		const hue = (i * 37) % 360;
		const base = sharp({ create: { width: 6000, height: 4000, channels: 3, background: `hsl(${hue}, 60%, 50%)`, noise: { type: 'gaussian', mean: 128, sigma: 40 } } as never });
		await base.jpeg({ quality: 88 }).toFile(file);
		process.stdout.write(`  made ${i + 1}/${COUNT}\r`);
	}
	return files;
}

async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>) {
	let next = 0;
	await Promise.all(Array.from({ length: n }, async () => {
		while (next < items.length) await fn(items[next++]!);
	}));
}

function run(cmd: string, args: string[]): Promise<number> {
	return new Promise((resolve, reject) => {
		const child = spawn('/usr/bin/time', ['-f', '%M', cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
		let err = '';
		child.stderr.on('data', (d) => (err += d));
		child.on('close', (code) => (code === 0 ? resolve(Number(err.trim().split('\n').pop())) : reject(new Error(err))));
	});
}

const files = await makeImages();
console.log(`\n${files.length} images, ${PAR} at a time`);

// Loupe: in this process; peak RSS sampled while it runs.
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
let t = performance.now();
await pool(files, PAR, async (f) => {
	const r = await processImage(f);
	for (const x of r.renditions) fs.writeFileSync(path.join(out, `${path.basename(f)}-${x.name}.${x.ext}`), x.data);
});
const loupeS = (performance.now() - t) / 1000;
clearInterval(sampler);
const loupePeak = peak / 1024 / 1024;

// vipsthumbnail makes one file per run: the two sizes as WebP (the baseline the target
// names), then the same four files Loupe makes, for a like-for-like comparison.
async function vips(outputs: readonly (readonly [number, string])[]) {
	let peakKb = 0;
	const t0 = performance.now();
	await pool(files, PAR, async (f) => {
		for (const [size, fmt] of outputs) peakKb = Math.max(peakKb, await run('vipsthumbnail', [f, '-s', `${size}x${size}`, '-o', path.join(out, `vips-%s-${size}.${fmt}`)]));
	});
	return { s: (performance.now() - t0) / 1000, peakKb };
}
const two = await vips([[2048, 'webp[Q=82]'], [320, 'webp[Q=82]']]);
const four = await vips([[2048, 'webp[Q=82]'], [2048, 'jpg[Q=84]'], [320, 'webp[Q=82]'], [320, 'jpg[Q=84]']]);
const vipsS = two.s;
const vipsPeakKb = two.peakKb;

const ratio = (COUNT / loupeS) / (COUNT / vipsS);
const md = `## Ingest: ${COUNT} × 24-megapixel JPEG → thumbnail + preview

${new Date().toISOString().slice(0, 10)} · ${machine()} · ${PAR} images at a time. Loupe makes WebP and JPEG at 320 px and 2048 px (four files per image), and also reads the header and EXIF/IPTC/XMP, auto-orients and converts to sRGB.

| pipeline | seconds | images / s | peak memory |
|---|---|---|---|
| Loupe \`processImage\` (sharp, one decode per image) | ${loupeS.toFixed(1)} | ${(COUNT / loupeS).toFixed(2)} | ${loupePeak.toFixed(0)} MiB (whole Node process RSS) |
| \`vipsthumbnail\`, the two sizes as WebP (two runs per image) | ${vipsS.toFixed(1)} | ${(COUNT / vipsS).toFixed(2)} | ${(vipsPeakKb / 1024).toFixed(0)} MiB per process (max RSS) × ${PAR} |
| \`vipsthumbnail\`, the same four files (four runs per image) | ${four.s.toFixed(1)} | ${(COUNT / four.s).toFixed(2)} | ${(four.peakKb / 1024).toFixed(0)} MiB per process (max RSS) × ${PAR} |

Throughput ratio Loupe / vipsthumbnail (two WebP sizes, while Loupe also makes the JPEG fallbacks and reads metadata): **${ratio.toFixed(2)}×** (target ≥ 0.9×: **${ratio >= 0.9 ? 'met' : 'not met'}**); against the same four files: ${((COUNT / loupeS) / (COUNT / four.s)).toFixed(2)}×.
Reproduce: \`apt-get install libvips-tools && node bench/ingest.ts\`.`;
writeSection('ingest', md);
console.log(md);
fs.rmSync(out, { recursive: true, force: true });
