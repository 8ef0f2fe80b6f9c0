import { spawn } from 'node:child_process';
import sharp from 'sharp';
import { IngestError, processImage, type RenditionOut } from './image.ts';

const TIMEOUT_MS = 120_000;
const WAVE = { buckets: 600, width: 1800, height: 240 };

/** Runs ffmpeg with a deadline, collecting stdout (bounded) and stderr. */
function ffmpeg(bin: string, args: string[], maxOut = 64 * 1024 * 1024): Promise<{ code: number | null; out: Buffer; err: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(bin, ['-hide_banner', '-nostdin', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
		const out: Buffer[] = [];
		let size = 0;
		let err = '';
		const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
		child.stdout.on('data', (d: Buffer) => {
			size += d.length;
			if (size > maxOut) child.kill('SIGKILL');
			else out.push(d);
		});
		child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-64 * 1024)));
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(new IngestError(`Video and audio processing is unavailable: ${e.message}`));
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, out: Buffer.concat(out), err });
		});
	});
}

export type Probe = { duration: number | null; video?: { codec: string; width: number; height: number; fps: number | null }; audio?: { codec: string; sampleRate: number | null; channels: string | null } };

/** Reads duration and streams from `ffmpeg -i`, which every ffmpeg build prints the same way. */
export async function probe(bin: string, file: string): Promise<Probe> {
	const { err } = await ffmpeg(bin, ['-i', file]);
	const d = /Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(err);
	const duration = d ? Number(d[1]) * 3600 + Number(d[2]) * 60 + Number(d[3]) : null;
	const v = /Stream #[^\n]*Video: (\w+)[^\n]*?, (\d{2,5})x(\d{2,5})[^\n]*?(?:, ([\d.]+) fps)?/.exec(err);
	const a = /Stream #[^\n]*Audio: (\w+)[^\n]*?(?:, (\d+) Hz)?(?:, ([\w.()]+))?/.exec(err);
	if (!v && !a) throw new IngestError(`No playable video or audio found (${lastLine(err)}).`);
	return {
		duration,
		...(v ? { video: { codec: v[1]!, width: Number(v[2]), height: Number(v[3]), fps: v[4] ? Number(v[4]) : null } } : {}),
		...(a ? { audio: { codec: a[1]!, sampleRate: a[2] ? Number(a[2]) : null, channels: a[3] ?? null } } : {})
	};
}

const lastLine = (s: string) => s.trim().split('\n').pop()?.slice(0, 160) ?? '';

/** A poster frame (a tenth of the way in, at most 1 s) made into the usual image renditions. */
export async function processVideo(bin: string, file: string) {
	const info = await probe(bin, file);
	if (!info.video) throw new IngestError('The file has no video stream.');
	const at = Math.min(1, (info.duration ?? 0) / 10);
	const { out, err } = await ffmpeg(bin, ['-ss', at.toFixed(3), '-i', file, '-frames:v', '1', '-f', 'image2pipe', '-vcodec', 'png', '-']);
	if (!out.length) throw new IngestError(`No frame could be decoded (${lastLine(err)}).`);
	const poster = await processImage(out);
	return { metadata: { ...info, width: info.video.width, height: info.video.height }, renditions: poster.renditions };
}

/** Duration, and a waveform: peaks for players to draw and an image for the library. */
export async function processAudio(bin: string, file: string) {
	const info = await probe(bin, file);
	if (!info.audio) throw new IngestError('The file has no audio stream.');
	const { out } = await ffmpeg(bin, ['-i', file, '-vn', '-ac', '1', '-ar', '4000', '-f', 's16le', '-'], 32 * 1024 * 1024);
	const samples = new Int16Array(out.buffer, out.byteOffset, Math.floor(out.length / 2));
	const peaks = new Array<number>(WAVE.buckets).fill(0);
	const per = Math.max(1, Math.ceil(samples.length / WAVE.buckets));
	for (let i = 0; i < samples.length; i++) {
		const b = Math.min(WAVE.buckets - 1, Math.floor(i / per));
		const v = Math.abs(samples[i]!) / 32768;
		if (v > peaks[b]!) peaks[b] = v;
	}
	// Peaks are scaled to the loudest, so quiet recordings still draw a readable waveform.
	const loudest = Math.max(...peaks);
	const scaled = peaks.map((p) => (loudest > 0 ? Math.round((p / loudest) * 100) / 100 : 0));
	return { metadata: { ...info, peakLevel: Math.round(loudest * 1000) / 1000, peaks: scaled }, renditions: await waveformImages(scaled) };
}

async function waveformImages(peaks: number[]): Promise<RenditionOut[]> {
	const { width, height } = WAVE;
	const bar = width / peaks.length;
	const mid = height / 2;
	const rects = peaks.map((p, i) => {
		const h = Math.max(2, p * (height - 8));
		return `<rect x="${(i * bar).toFixed(2)}" y="${(mid - h / 2).toFixed(2)}" width="${Math.max(1, bar - 1).toFixed(2)}" height="${h.toFixed(2)}" rx="1"/>`;
	});
	// Our own SVG, built from numbers only: safe to rasterise.
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#f8fafc"/><g fill="#6366f1">${rects.join('')}</g></svg>`;
	const out: RenditionOut[] = [];
	for (const [name, w] of [['preview', width], ['thumb', 320]] as const) {
		const { data, info } = await sharp(Buffer.from(svg)).resize({ width: w }).webp({ quality: 85 }).toBuffer({ resolveWithObject: true });
		out.push({ name, mime: 'image/webp', ext: 'webp', width: info.width, height: info.height, data });
	}
	return out;
}
