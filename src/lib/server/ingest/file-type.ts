import { fileTypeFromBuffer } from 'file-type';

export type AssetKind = 'image' | 'pdf' | 'video' | 'audio' | 'other';
export type Detected = { kind: AssetKind; mime: string; ext: string };

const IMAGE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif', 'image/tiff']);
const VIDEO = new Set(['video/mp4', 'video/quicktime', 'video/webm']);
const AUDIO = new Set(['audio/mpeg', 'audio/wav', 'audio/x-wav', 'audio/vnd.wave', 'audio/x-m4a', 'audio/mp4', 'audio/aac']);

/** The bytes we need to look at: file-type reads at most a few KiB of a header. */
export const SNIFF_BYTES = 64 * 1024;

/** Types by content, never by name or Content-Type. Anything unrecognised is kept as an attachment. */
export async function detectType(head: Uint8Array): Promise<Detected> {
	// XML-based SVG would otherwise be reported as generic XML.
	if (looksLikeSvg(head)) return { kind: 'image', mime: 'image/svg+xml', ext: 'svg' };
	const ft = await fileTypeFromBuffer(head);
	if (ft) {
		if (IMAGE.has(ft.mime)) return { kind: 'image', mime: ft.mime, ext: ft.ext };
		if (ft.mime === 'application/pdf') return { kind: 'pdf', mime: ft.mime, ext: 'pdf' };
		if (VIDEO.has(ft.mime)) return { kind: 'video', mime: ft.mime, ext: ft.ext };
		// An M4A and an MP4 share a container; file-type tells them apart by brand.
		if (AUDIO.has(ft.mime)) return { kind: 'audio', mime: ft.mime === 'audio/vnd.wave' || ft.mime === 'audio/x-wav' ? 'audio/wav' : ft.mime, ext: ft.ext };
		return { kind: 'other', mime: ft.mime, ext: ft.ext };
	}
	return { kind: 'other', mime: 'application/octet-stream', ext: '' };
}

function looksLikeSvg(head: Uint8Array): boolean {
	const text = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, 4096)).replace(/^\uFEFF/, '').trimStart();
	return /^(<\?xml[\s\S]*?\?>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE\s+svg[^[>]*(\[[\s\S]*?\])?\s*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(text);
}

/** Extensions a user may legitimately give each detected type. */
const ALIASES: Record<string, string[]> = {
	jpg: ['jpg', 'jpeg', 'jpe', 'jfif'],
	tif: ['tif', 'tiff'],
	mov: ['mov', 'qt'],
	mp4: ['mp4', 'm4v'],
	m4a: ['m4a', 'mp4', 'aac'],
	wav: ['wav', 'wave'],
	svg: ['svg']
};

/**
 * A name whose extension claims a different known type than the bytes is refused: it is
 * either a mistake or an attempt to smuggle one type in as another.
 */
export function extensionContradicts(name: string, detected: Detected): boolean {
	const m = /\.([a-z0-9]{1,8})$/i.exec(name);
	if (!m) return false;
	const ext = m[1]!.toLowerCase();
	if (!KNOWN_EXTENSIONS.has(ext)) return false;
	const allowed = ALIASES[detected.ext] ?? [detected.ext];
	return !allowed.includes(ext);
}

const KNOWN_EXTENSIONS = new Set([
	'jpg', 'jpeg', 'jpe', 'jfif', 'png', 'webp', 'avif', 'gif', 'tif', 'tiff', 'svg', 'pdf',
	'mp4', 'm4v', 'mov', 'qt', 'webm', 'mp3', 'wav', 'wave', 'm4a', 'aac'
]);
