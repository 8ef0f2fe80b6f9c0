import sharp from 'sharp';
import exifr from 'exifr';

// Each file is processed once, so libvips' operation cache only holds memory.
sharp.cache(false);

export const MAX_PIXELS = 100_000_000;
export const SIZES = { thumb: 320, preview: 2048 } as const;

export type RenditionOut = { name: string; mime: string; ext: string; width: number; height: number; data: Buffer };
export type ImageResult = { metadata: Record<string, unknown>; renditions: RenditionOut[] };

const input = { limitInputPixels: MAX_PIXELS, failOn: 'warning', sequentialRead: true } as const;

/**
 * Reads the header for technical metadata, the embedded EXIF/IPTC/XMP, and makes the
 * display renditions: auto-oriented, sRGB, metadata stripped (sharp writes none unless
 * asked), WebP with a JPEG fallback. The file is decoded once, at preview size.
 */
export async function processImage(path: string | Buffer): Promise<ImageResult> {
	const meta = await sharp(path, input).metadata();
	if (!meta.width || !meta.height) throw new IngestError('The image has no dimensions; it may be corrupt.');
	if (meta.width * meta.height > MAX_PIXELS) {
		throw new IngestError(`The image is ${meta.width}×${meta.height} pixels, more than the ${MAX_PIXELS / 1e6} megapixel limit.`);
	}
	const embedded = await readEmbedded(path);
	const rotated = (meta.orientation ?? 1) >= 5;
	const width = rotated ? meta.height : meta.width;
	const height = rotated ? meta.width : meta.height;

	const { data, info } = await sharp(path, { ...input, animated: false })
		.rotate()
		.resize({ width: SIZES.preview, height: SIZES.preview, fit: 'inside', withoutEnlargement: true })
		.toColourspace('srgb')
		.raw()
		.toBuffer({ resolveWithObject: true });
	const raw = { raw: { width: info.width, height: info.height, channels: info.channels } } as const;

	const renditions: RenditionOut[] = [];
	for (const [name, size] of Object.entries(SIZES)) {
		const base = sharp(data, raw).resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true });
		const webp = await base.clone().webp({ quality: 82, effort: 3 }).toBuffer({ resolveWithObject: true });
		const jpeg = await base.clone().flatten({ background: '#ffffff' }).jpeg({ quality: 84 }).toBuffer({ resolveWithObject: true });
		renditions.push(
			{ name, mime: 'image/webp', ext: 'webp', width: webp.info.width, height: webp.info.height, data: webp.data },
			{ name: `${name}-jpeg`, mime: 'image/jpeg', ext: 'jpg', width: jpeg.info.width, height: jpeg.info.height, data: jpeg.data }
		);
	}

	return {
		metadata: {
			width,
			height,
			format: meta.format,
			colourSpace: meta.space,
			bitDepth: meta.depth,
			dpi: meta.density ?? null,
			hasAlpha: meta.hasAlpha ?? false,
			hasProfile: meta.hasProfile ?? false,
			pages: meta.pages ?? 1,
			animated: (meta.pages ?? 1) > 1,
			orientation: meta.orientation ?? 1,
			...embedded
		},
		renditions
	};
}

/** Camera, capture date, GPS, creator, copyright and keywords, where the file has them. */
async function readEmbedded(path: string | Buffer): Promise<Record<string, unknown>> {
	let t: Record<string, unknown> | undefined;
	try {
		t = await exifr.parse(path, { tiff: true, exif: true, gps: true, iptc: true, xmp: true, icc: false, mergeOutput: true, reviveValues: true });
	} catch {
		return {};
	}
	if (!t) return {};
	const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : Array.isArray(v) && typeof v[0] === 'string' ? String(v[0]) : typeof v === 'object' && v && 'value' in v ? String((v as { value: unknown }).value) : undefined);
	const keywords = [t.Keywords, t.subject].flatMap((k) => (Array.isArray(k) ? k : typeof k === 'string' ? [k] : [])).map((k) => String(k).trim().toLowerCase()).filter(Boolean);
	const date = t.DateTimeOriginal ?? t.CreateDate;
	const out: Record<string, unknown> = {
		camera: [str(t.Make), str(t.Model)].filter(Boolean).join(' ') || undefined,
		lens: str(t.LensModel),
		capturedAt: date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined,
		gps: typeof t.latitude === 'number' && typeof t.longitude === 'number' ? { latitude: t.latitude, longitude: t.longitude } : undefined,
		creator: str(t.Artist) ?? str(t.creator) ?? str(t['By-line']),
		copyright: str(t.Copyright) ?? str(t.rights) ?? str(t.CopyrightNotice),
		headline: str(t.Headline) ?? str(t.title),
		suggestedTags: keywords.length ? [...new Set(keywords)].slice(0, 50) : undefined
	};
	return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

/** A failure the user should read as the reason a version did not process. */
export class IngestError extends Error {}

/** Turns sharp/libvips messages into reasons a person can act on. */
export function explain(e: unknown): string {
	if (e instanceof IngestError) return e.message;
	const msg = e instanceof Error ? e.message : String(e);
	if (/pixel limit/i.test(msg)) return `The image has more than ${MAX_PIXELS / 1e6} megapixels.`;
	if (/unsupported image format|bad seek|premature end|truncated|corrupt|not a|invalid|VipsJpeg|bad/i.test(msg)) return `The file could not be read; it may be truncated or corrupt (${msg.split('\n')[0]!.slice(0, 160)}).`;
	return `Processing failed: ${msg.split('\n')[0]!.slice(0, 200)}`;
}
