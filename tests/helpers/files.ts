import zlib from 'node:zlib';
import sharp from 'sharp';

/** A landscape photo whose EXIF says "rotate 90°" (orientation 6), with GPS and a copyright. */
export async function orientedJpeg(): Promise<Buffer> {
	const left = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#d00' } }).png().toBuffer();
	return sharp({ create: { width: 400, height: 200, channels: 3, background: '#00d' } })
		.composite([{ input: left, left: 0, top: 0 }])
		.withExif({
			IFD0: { Orientation: '6', Make: 'Loupe', Model: 'Test Camera', Copyright: 'Acme Ltd', Artist: 'Ada' },
			IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' }
		})
		.withMetadata({ orientation: 6 })
		.jpeg({ quality: 90 })
		.toBuffer();
}

export const solid = (format: 'png' | 'webp' | 'gif' | 'tiff' | 'avif' | 'jpeg', w = 64, h = 48, colour = '#3a7') =>
	sharp({ create: { width: w, height: h, channels: 4, background: colour } })
		.toFormat(format)
		.toBuffer();

/** A few hundred bytes that claim to be a 50000×50000 PNG: a decompression bomb by its header. */
export function pngBomb(): Buffer {
	const chunk = (type: string, data: Buffer) => {
		const len = Buffer.alloc(4);
		len.writeUInt32BE(data.length);
		const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(zlib.crc32(td) >>> 0);
		return Buffer.concat([len, td, crc]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(50000, 0);
	ihdr.writeUInt32BE(50000, 4);
	ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
	const idat = zlib.deflateSync(Buffer.alloc(50001 * 4));
	return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

/** A minimal, valid one-page PDF with the given text. */
export const tinyPdf = (text = 'Hello Loupe') => pdfPages([text]);

/**
 * A valid PDF with one page per text, in Helvetica (a standard font, nothing embedded). With `fanout`, pages hang off intermediate /Pages nodes of
 * that many kids each, as authoring tools write them, so a reader finds page n without
 * touching every page before it (what lets pdf.js open a long file from a few ranges).
 */
export function pdfPages(texts: string[], opts: { fanout?: number } = {}): Buffer {
	const n = texts.length;
	const fanout = opts.fanout ?? n;
	const groups = Math.ceil(n / fanout);
	// 1 catalog, 2 root /Pages, 3 font, then the intermediate /Pages nodes, then page + content pairs.
	const firstGroup = 4;
	const firstPage = fanout < n ? firstGroup + groups : 4;
	const objects: string[] = ['<< /Type /Catalog /Pages 2 0 R >>', '', '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
	const leaves: string[][] = Array.from({ length: groups }, () => []);
	texts.forEach((text, i) => {
		const pageId = firstPage + i * 2;
		const group = Math.floor(i / fanout);
		const parent = fanout < n ? firstGroup + group : 2;
		const stream = `BT /F1 18 Tf 20 100 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
		objects[pageId - 1] = `<< /Type /Page /Parent ${parent} 0 R /MediaBox [0 0 300 200] /Contents ${pageId + 1} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`;
		objects[pageId] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
		leaves[group]!.push(`${pageId} 0 R`);
	});
	if (fanout < n) {
		leaves.forEach((kids, g) => (objects[firstGroup + g - 1] = `<< /Type /Pages /Parent 2 0 R /Kids [${kids.join(' ')}] /Count ${kids.length} >>`));
		objects[1] = `<< /Type /Pages /Kids [${leaves.map((_, g) => `${firstGroup + g} 0 R`).join(' ')}] /Count ${n} >>`;
	} else {
		objects[1] = `<< /Type /Pages /Kids [${leaves[0]!.join(' ')}] /Count ${n} >>`;
	}
	let out = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((o, i) => {
		offsets.push(out.length);
		out += `${i + 1} 0 obj\n${o}\nendobj\n`;
	});
	const xref = out.length;
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => String(o).padStart(10, '0') + ' 00000 n \n').join('')}`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

/** Small real media made by ffmpeg: 2 s of test pattern and a 440 Hz tone. */
/** `source` picks ffmpeg's test picture: another one makes a different file (a next version). */
export async function media(ext: 'mp4' | 'webm' | 'mov' | 'mp3' | 'wav' | 'm4a', source: 'testsrc' | 'smptebars' = 'testsrc'): Promise<Buffer> {
	const { execFileSync } = await import('node:child_process');
	const fs = await import('node:fs');
	const os = await import('node:os');
	const path = await import('node:path');
	const { resolveFfmpeg } = await import('#lib/server/ingest/ffmpeg-path.ts');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-media-'));
	const out = path.join(dir, `t.${ext}`);
	const video = ['-f', 'lavfi', '-i', `${source}=duration=2:size=320x240:rate=25`];
	const tone = ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=2'];
	const args: Record<typeof ext, string[]> = {
		mp4: [...video, ...tone, '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-c:a', 'aac', '-shortest'],
		mov: [...video, '-pix_fmt', 'yuv420p', '-c:v', 'libx264'],
		webm: [...video, '-c:v', 'libvpx', '-b:v', '200k'],
		mp3: [...tone, '-c:a', 'libmp3lame'],
		wav: tone,
		m4a: [...tone, '-c:a', 'aac']
	};
	execFileSync(resolveFfmpeg(process.env.LOUPE_FFMPEG), ['-hide_banner', '-loglevel', 'error', '-y', ...args[ext], out]);
	const bytes = fs.readFileSync(out);
	fs.rmSync(dir, { recursive: true, force: true });
	return bytes;
}
