import sharp from 'sharp';
import { IngestError, MAX_PIXELS, processImage } from './image.ts';

const MAX_SVG_BYTES = 10 * 1024 * 1024;

/**
 * What makes an SVG unsafe to rasterise: entity declarations (billion laughs, external
 * entities), references to anything outside the file, and embedded HTML or script.
 * The original is only ever served as an attachment, so this guards the server only.
 */
export function svgHazard(text: string): string | null {
	if (/<!ENTITY/i.test(text) || /<!DOCTYPE[^>]*\[/i.test(text)) return 'it declares XML entities';
	if (/<(script|foreignObject|iframe|embed|object)\b/i.test(text)) return 'it embeds script or HTML';
	if (/<\?xml-stylesheet/i.test(text) || /@import/i.test(text)) return 'it loads a stylesheet';
	for (const m of text.matchAll(/(?:xlink:)?href\s*=\s*["']\s*([^"']*)["']/gi)) {
		const ref = m[1]!.trim();
		if (!ref.startsWith('#') && !/^data:image\/(png|jpeg|gif|webp);base64,/i.test(ref)) return 'it links to files outside itself';
	}
	for (const m of text.matchAll(/url\(\s*["']?([^)"']*)/gi)) if (!m[1]!.trim().startsWith('#')) return 'it links to files outside itself';
	return null;
}

/** Rasterises a safe SVG at a density that brings its longer side to preview size. */
export async function processSvg(bytes: Buffer) {
	if (bytes.length > MAX_SVG_BYTES) throw new IngestError('The SVG is larger than 10 MiB.');
	const hazard = svgHazard(bytes.toString('utf8'));
	if (hazard) throw new IngestError(`The SVG was kept but not rendered: ${hazard}.`);
	const meta = await sharp(bytes, { limitInputPixels: MAX_PIXELS }).metadata();
	const side = Math.max(meta.width ?? 0, meta.height ?? 0);
	if (!side) throw new IngestError('The SVG has no size.');
	const density = Math.min(10_000, Math.max(1, (72 * 2048) / side));
	const png = await sharp(bytes, { density, limitInputPixels: MAX_PIXELS }).png().toBuffer();
	const result = await processImage(png);
	return { metadata: { ...result.metadata, width: meta.width, height: meta.height, format: 'svg', vector: true }, renditions: result.renditions };
}
