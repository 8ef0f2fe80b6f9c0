// Sample files for the library e2e tests and screenshots, made on the fly with sharp.
import sharp from 'sharp';
import type { Page } from 'playwright-core';

export type SampleFile = { name: string; mimeType: string; buffer: Buffer };

/** A "photo": a soft two-colour gradient with a few shapes, so previews look like something. */
export async function photo(width: number, height: number, from: string, to: string, format: 'jpeg' | 'png' = 'jpeg'): Promise<Buffer> {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
		<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
		<rect width="100%" height="100%" fill="url(#g)"/>
		<circle cx="${width * 0.7}" cy="${height * 0.35}" r="${Math.min(width, height) * 0.18}" fill="#fff" fill-opacity="0.55"/>
		<path d="M0 ${height * 0.8} Q ${width * 0.3} ${height * 0.55} ${width * 0.55} ${height * 0.75} T ${width} ${height * 0.7} V ${height} H 0 Z" fill="#000" fill-opacity="0.18"/>
	</svg>`;
	const img = sharp(Buffer.from(svg));
	return format === 'png' ? img.png().toBuffer() : img.jpeg({ quality: 88 }).toBuffer();
}

/** Incompressible pixels: a large file, for watching an upload's progress. */
export const noise = (width: number, height: number) =>
	sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
		.png({ compressionLevel: 0 })
		.toBuffer();

/** Drops files on the page as a person dragging them from the desktop would (dragenter → dragover → drop). */
export async function dropFiles(page: Page, files: SampleFile[], opts: { release?: boolean; on?: string } = {}) {
	const payload = files.map((f) => ({ name: f.name, type: f.mimeType, b64: f.buffer.toString('base64') }));
	await page.evaluate(
		({ payload, release, on }) => {
			const dt = new DataTransfer();
			for (const f of payload) {
				const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
				dt.items.add(new File([bytes], f.name, { type: f.type }));
			}
			const target = document.querySelector(on) ?? document.body;
			const fire = (type: string) => target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
			fire('dragenter');
			fire('dragover');
			if (release) fire('drop');
		},
		{ payload, release: opts.release ?? true, on: opts.on ?? 'main' }
	);
}
