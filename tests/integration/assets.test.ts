import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { backends, DAY, makeServices, member, userWithWorkspace, type TestDb, outcome } from '../helpers/db.ts';
import { media, orientedJpeg, pdfPages, pngBomb, solid, tinyPdf } from '../helpers/files.ts';
import type { Services } from '#lib/server/services.ts';
import type { Actor } from '#lib/server/auth/actor.ts';

const upload = (name: string, bytes: Buffer, fields: Record<string, string> = {}) => ({
	file: { name, stream: Readable.from([bytes]) },
	fields: async () => fields
});

const read = async (s: Readable) => {
	const chunks: Buffer[] = [];
	for await (const c of s) chunks.push(c as Buffer);
	return Buffer.concat(chunks);
};


describe.each(backends)('asset library ingest on $name', (backend) => {
	let db: TestDb;
	let s: Services;
	let clock: ReturnType<typeof makeServices>['clock'];
	let owner: Actor;
	let wsId: string;

	beforeAll(async () => {
		db = await backend.open();
		({ services: s, clock } = makeServices(db));
		const o = await userWithWorkspace(s, 'Lib');
		owner = o.actor;
		wsId = o.ws.id;
	});
	afterAll(() => db.close());

	it('turns an EXIF-rotated photo upright, keeps its metadata, and strips GPS from every rendition', async () => {
		const { version } = await s.assets.upload(owner, wsId, upload('beach.jpg', await orientedJpeg(), { tags: 'Summer, beach' }));
		const { version: v, renditions } = await s.assets.version(owner, version.id);
		expect(v.status).toBe('ready');
		expect(v.metadata).toMatchObject({ width: 200, height: 400, format: 'jpeg', camera: 'Loupe Test Camera', copyright: 'Acme Ltd', creator: 'Ada' });
		expect(v.metadata.gps).toMatchObject({ latitude: 51.5 });
		expect(renditions.map((r) => r.name).sort()).toEqual(['preview', 'preview-jpeg', 'thumb', 'thumb-jpeg']);
		for (const r of renditions) {
			const bytes = await read(await s.storage.get(r.key));
			const meta = await sharp(bytes).metadata();
			expect(meta.height).toBeGreaterThan(meta.width!); // upright portrait
			expect(meta.exif).toBeUndefined();
			expect(meta.orientation ?? 1).toBe(1);
			// The red half of the landscape original is on top once rotated 90° clockwise.
			const top = await sharp(await sharp(bytes).extract({ left: 0, top: 0, width: meta.width!, height: 4 }).png().toBuffer()).stats();
			expect(top.channels[0]!.mean).toBeGreaterThan(150);
		}
		const thumb = renditions.find((r) => r.name === 'thumb')!;
		expect(Math.max(thumb.width, thumb.height)).toBeLessThanOrEqual(320);
	});

	it('takes every image type by its bytes and makes renditions for each', async () => {
		for (const fmt of ['png', 'webp', 'gif', 'tiff', 'avif'] as const) {
			const { version, asset } = await s.assets.upload(owner, wsId, upload(`swatch.${fmt}`, await solid(fmt, 64, 48, fmt === 'png' ? '#123456' : '#abcdef')));
			const { version: v, renditions } = await s.assets.version(owner, version.id);
			expect(asset.kind, fmt).toBe('image');
			expect(v.status, `${fmt}: ${v.failureReason}`).toBe('ready');
			expect(v.metadata).toMatchObject({ width: 64, height: 48 });
			expect(renditions.length, fmt).toBe(4);
		}
	});

	it('keeps PDFs and unknown files, typed by content whatever their name says', async () => {
		const pdf = await s.assets.upload(owner, wsId, upload('brochure.pdf', tinyPdf()));
		expect(pdf.version).toMatchObject({ kind: 'pdf', mime: 'application/pdf' });
		const other = await s.assets.upload(owner, wsId, upload('notes.txt', Buffer.from('plain words, no magic number')));
		expect(other.version).toMatchObject({ kind: 'other', mime: 'application/octet-stream' });
		expect((await s.assets.version(owner, other.version.id)).version.status).toBe('ready');
		const noName = await s.assets.upload(owner, wsId, upload('export', await solid('png')));
		expect(noName.version.kind).toBe('image');
	});

	it('renders PDF pages (the first eagerly, later ones on demand) and indexes their text', async () => {
		const texts = Array.from({ length: 12 }, (_, i) => (i === 9 ? 'Page ten mentions zeppelins' : `Page ${i + 1} copy`));
		const { asset, version } = await s.assets.upload(owner, wsId, upload('deck.pdf', pdfPages(texts)));
		const { version: v, renditions } = await s.assets.version(owner, version.id);
		expect(v.status, v.failureReason ?? '').toBe('ready');
		expect(v.metadata).toMatchObject({ pageCount: 12, pageSize: { width: 300, height: 200 } });
		expect(renditions.map((r) => r.name)).toEqual(expect.arrayContaining(['thumb', 'preview', 'page-1', 'page-8']));
		expect(renditions.map((r) => r.name)).not.toContain('page-10');
		expect((await s.assets.list(owner, wsId, { q: 'zeppelins' })).items.map((a) => a.id)).toEqual([asset.id]);

		const page10 = await s.assets.page(owner, version.id, 10);
		const png = await sharp(await read(await page10.open())).metadata();
		expect(png.format).toBe('webp');
		expect(png.width).toBe(1600);
		expect((await s.assets.version(owner, version.id)).renditions.map((r) => r.name)).toContain('page-10');
		expect(await outcome(s.assets.page(owner, version.id, 13))).toBe('not_found');
	});

	it('probes video and makes a poster frame; gives audio a duration and a waveform', async () => {
		for (const ext of ['mp4', 'webm', 'mov'] as const) {
			const { version } = await s.assets.upload(owner, wsId, upload(`clip.${ext}`, await media(ext), { allowDuplicate: 'true' }));
			const { version: v, renditions } = await s.assets.version(owner, version.id);
			expect(v.kind, ext).toBe('video');
			expect(v.status, `${ext}: ${v.failureReason}`).toBe('ready');
			expect(v.metadata).toMatchObject({ width: 320, height: 240, video: { width: 320, height: 240 } });
			expect(Number(v.metadata.duration)).toBeCloseTo(2, 0);
			expect(renditions.map((r) => r.name)).toEqual(expect.arrayContaining(['thumb', 'preview']));
		}
		for (const ext of ['mp3', 'wav', 'm4a'] as const) {
			const { version } = await s.assets.upload(owner, wsId, upload(`tone.${ext}`, await media(ext)));
			const { version: v, renditions } = await s.assets.version(owner, version.id);
			expect(v.kind, ext).toBe('audio');
			expect(v.status, `${ext}: ${v.failureReason}`).toBe('ready');
			expect(Number(v.metadata.duration)).toBeCloseTo(2, 0);
			const peaks = v.metadata.peaks as number[];
			expect(peaks.length).toBe(600);
			expect(Math.max(...peaks)).toBe(1);
			expect(Number(v.metadata.peakLevel)).toBeCloseTo(0.125, 1); // lavfi's sine is at 1/8 of full scale
			expect(renditions.find((r) => r.name === 'preview')?.width).toBe(1800);
		}
		const mp4 = await media('mp4');
		const cut = await s.assets.upload(owner, wsId, upload('cut.mp4', mp4.subarray(0, 600)));
		const c = (await s.assets.version(owner, cut.version.id)).version;
		expect(c.status).toBe('failed');
		expect(c.failureReason).toBeTruthy();
	});

	it('rasterises a safe SVG for display and refuses to render one that reaches outside itself', async () => {
		const safe = '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="12"><rect width="24" height="12" fill="#e11"/><use href="#x"/></svg>';
		const { version } = await s.assets.upload(owner, wsId, upload('icon.svg', Buffer.from(safe)));
		const { version: v, renditions } = await s.assets.version(owner, version.id);
		expect(v.status, v.failureReason ?? '').toBe('ready');
		expect(v.metadata).toMatchObject({ width: 24, height: 12, vector: true });
		expect(renditions.find((r) => r.name === 'preview')?.width).toBe(2048); // drawn at preview size, not blown up
		for (const evil of [
			'<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd" width="10" height="10"/></svg>',
			'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaa">]><svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>',
			'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
		]) {
			const bad = await s.assets.upload(owner, wsId, upload('evil.svg', Buffer.from(evil)));
			const b = (await s.assets.version(owner, bad.version.id)).version;
			expect(b.status).toBe('failed');
			expect(b.failureReason).toMatch(/not rendered/);
		}
	});

	it('fails a corrupt PDF with a reason', async () => {
		const broken = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('garbage '.repeat(200))]);
		const { version } = await s.assets.upload(owner, wsId, upload('broken.pdf', broken));
		const v = (await s.assets.version(owner, version.id)).version;
		expect(v.status).toBe('failed');
		expect(v.failureReason).toMatch(/PDF/);
	});

	it('refuses a name that contradicts the bytes, and empty files, storing nothing', async () => {
		const before = (await s.assets.list(owner, wsId, {})).items.length;
		expect(await outcome(s.assets.upload(owner, wsId, upload('photo.jpg', await solid('png', 10, 10, '#010203'))))).toBe('unsupported_media_type');
		expect(await outcome(s.assets.upload(owner, wsId, upload('report.pdf', await solid('gif', 10, 10, '#040506'))))).toBe('unsupported_media_type');
		expect(await outcome(s.assets.upload(owner, wsId, upload('empty.png', Buffer.alloc(0))))).toBe('invalid');
		expect((await s.assets.list(owner, wsId, {})).items.length).toBe(before);
	});

	it('fails a decompression bomb and a truncated file quickly, with a reason, and nothing else is affected', async () => {
		const bomb = await s.assets.upload(owner, wsId, upload('bomb.png', pngBomb()));
		const b = (await s.assets.version(owner, bomb.version.id)).version;
		expect(b.status).toBe('failed');
		expect(b.failureReason).toMatch(/megapixel/);

		const whole = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#888' } }).jpeg().toBuffer();
		const cut = await s.assets.upload(owner, wsId, upload('cut.jpg', whole.subarray(0, Math.floor(whole.length / 2))));
		const c = (await s.assets.version(owner, cut.version.id)).version;
		expect(c.status).toBe('failed');
		expect(c.failureReason).toMatch(/truncated|corrupt/i);

		// Retrying runs ingest again; the file is still truncated, so it fails again, with its reason.
		const again = await s.assets.retry(owner, cut.version.id);
		expect(again.status).toBe('failed');
		expect(await outcome(s.assets.retry(owner, (await s.assets.upload(owner, wsId, upload('ok.png', await solid('png', 9, 9, '#0a0a0a')))).version.id))).toBe('conflict');

		const fine = await s.assets.upload(owner, wsId, upload('fine.png', await solid('png', 30, 30, '#0f0')));
		expect((await s.assets.version(owner, fine.version.id)).version.status).toBe('ready');
	});

	it('points out an exact duplicate instead of storing it twice', async () => {
		const bytes = await solid('png', 33, 33, '#face00');
		const first = await s.assets.upload(owner, wsId, upload('a.png', bytes));
		const dup = await s.assets.upload(owner, wsId, upload('b.png', bytes)).catch((e) => e);
		expect(dup).toMatchObject({ code: 'conflict', details: { duplicateOf: first.asset.id } });
		const forced = await s.assets.upload(owner, wsId, upload('b.png', bytes, { allowDuplicate: 'true' }));
		expect(forced.asset.id).not.toBe(first.asset.id);
	});

	it('adds versions and keeps every earlier one with its file and renditions', async () => {
		const v1bytes = await solid('png', 40, 40, '#111111');
		const { asset, version: v1 } = await s.assets.upload(owner, wsId, upload('logo.png', v1bytes, { title: 'Logo', description: 'Primary mark' }));
		const { version: v2 } = await s.assets.uploadVersion(owner, asset.id, upload('logo-v2.png', await solid('png', 80, 40, '#222222')));
		expect(v2.number).toBe(2);
		const detail = await s.assets.get(owner, asset.id);
		expect(detail.asset.latestVersion).toBe(2);
		expect(detail.versions.map((v) => [v.number, v.status, v.renditions.length])).toEqual([
			[2, 'ready', 4],
			[1, 'ready', 4]
		]);
		const original = await s.assets.original(owner, v1.id);
		expect(Buffer.compare(await read(await original.open()), v1bytes)).toBe(0);
		const part = await read(await original.open({ start: 0, end: 7 }));
		expect(part).toEqual(v1bytes.subarray(0, 8));
	});

	it('numbers concurrent new versions without gaps or clashes', async () => {
		const { asset } = await s.assets.upload(owner, wsId, upload('race.png', await solid('png', 12, 12, '#000001')));
		await Promise.all([2, 3, 4].map((n) => s.assets.uploadVersion(owner, asset.id, upload('race.png', Buffer.concat([Buffer.alloc(0), pngWith(n)])))));
		const numbers = (await s.assets.get(owner, asset.id)).versions.map((v) => v.number).sort();
		expect(numbers).toEqual([1, 2, 3, 4]);
	});

	it('edits metadata, trashes, restores, and purges after 30 days', async () => {
		const { asset, version } = await s.assets.upload(owner, wsId, upload('old.png', await solid('png', 20, 20, '#abcabc')));
		await s.assets.update(owner, asset.id, { title: 'Old campaign', status: 'approved', tags: ['archive', 'Q1'] });
		const got = await s.assets.get(owner, asset.id);
		expect(got.asset).toMatchObject({ title: 'Old campaign', status: 'approved' });
		expect(got.tags.sort()).toEqual(['archive', 'q1']);
		expect(await outcome(s.assets.update(owner, asset.id, { status: 'published' }))).toBe('invalid');

		await s.assets.trash(owner, asset.id);
		expect(await outcome(s.assets.get(owner, asset.id))).toBe('not_found');
		expect((await s.assets.list(owner, wsId, { trashed: 'true' })).items.map((a) => a.id)).toContain(asset.id);
		await s.assets.restore(owner, asset.id);
		expect((await s.assets.get(owner, asset.id)).asset.deletedAt).toBeNull();

		await s.assets.trash(owner, asset.id);
		clock.advance(31 * DAY);
		expect(await s.assets.purgeExpired()).toBeGreaterThanOrEqual(1);
		expect(await s.repos.assets.assetById(asset.id)).toBeUndefined();
		expect(await s.storage.size(version.fileKey)).toBeNull();
	});

	it('lists newest first with tag, type and status filters and keyset pages', async () => {
		const all = (await s.assets.list(owner, wsId, { limit: '200' })).items;
		const seen: string[] = [];
		let cursor: string | null = null;
		do {
			const page: { items: { id: string }[]; nextCursor: string | null } = await s.assets.list(owner, wsId, { limit: '3', ...(cursor ? { cursor } : {}) });
			seen.push(...page.items.map((a) => a.id));
			cursor = page.nextCursor;
		} while (cursor);
		expect(seen).toEqual(all.map((a) => a.id));
		expect((await s.assets.list(owner, wsId, { tag: 'summer' })).items.map((a) => a.title)).toEqual(['beach']);
		expect((await s.assets.list(owner, wsId, { type: 'pdf' })).items.map((a) => a.title).sort()).toEqual(['brochure', 'broken', 'deck']);
		expect(await outcome(s.assets.list(owner, wsId, { cursor: 'garbage' }))).toBe('invalid');
	});

	it('lets creators upload, viewers only look, and outsiders see nothing', async () => {
		const viewer = await member(s, wsId, 'viewer');
		const creator = await member(s, wsId, 'creator');
		const outsider = (await userWithWorkspace(s, 'Out')).actor;
		const bytes = await solid('png', 15, 15, '#5a5a5a');
		expect(await outcome(s.assets.upload(viewer, wsId, upload('v.png', bytes)))).toBe('forbidden');
		const mine = await s.assets.upload(creator, wsId, upload('c.png', bytes));
		expect(await outcome(s.assets.get(viewer, mine.asset.id))).toBe('ok');
		expect(await outcome(s.assets.trash(creator, mine.asset.id))).toBe('forbidden');
		expect(await outcome(s.assets.get(outsider, mine.asset.id))).toBe('not_found');
		expect(await outcome(s.assets.original(outsider, mine.version.id))).toBe('not_found');
		expect(await outcome(s.assets.upload(outsider, wsId, upload('x.png', bytes)))).toBe('not_found');
		expect(await outcome(s.assets.list(outsider, wsId, {}))).toBe('not_found');
	});
});

/** Tiny distinct PNGs without awaiting sharp: a 1×1 image differing in one byte of colour. */
function pngWith(n: number): Buffer {
		const chunk = (type: string, data: Buffer) => {
		const len = Buffer.alloc(4);
		len.writeUInt32BE(data.length);
		const td = Buffer.concat([Buffer.from(type), data]);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(zlib.crc32(td) >>> 0);
		return Buffer.concat([len, td, crc]);
	};
	const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
	const idat = zlib.deflateSync(Buffer.from([0, n, n, n]));
	return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}
