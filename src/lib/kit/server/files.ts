import type { Readable } from 'node:stream';
import { parseRange } from './multipart.ts';

type Opened = { size: number; mime: string; name: string; open: (range?: { start: number; end: number }) => Promise<Readable> };

/** A sandbox for user files: even if a browser renders one, it can run nothing and reach nothing. */
const FILE_CSP = "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; sandbox";

/** Streams a stored file with ranges (video seeking), a safe disposition and no sniffing. */
export async function fileResponse(file: Opened, request: Request, disposition: 'attachment' | 'inline', cache: 'immutable' | 'short' = 'short'): Promise<Response> {
	const range = parseRange(request.headers.get('range'), file.size);
	const headers = new Headers({
		'content-type': file.mime,
		'content-disposition': `${disposition}; filename="${file.name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
		'x-content-type-options': 'nosniff',
		'content-security-policy': FILE_CSP,
		'accept-ranges': 'bytes',
		// Renditions of a version never change; an original's download name can (naming template).
		'cache-control': cache === 'immutable' ? 'private, max-age=31536000, immutable' : 'private, max-age=300'
	});
	if (range === 'invalid') {
		headers.set('content-range', `bytes */${file.size}`);
		return new Response(null, { status: 416, headers });
	}
	const stream = await file.open(range ?? undefined);
	const body = ReadableStreamFrom(stream);
	if (range) {
		headers.set('content-range', `bytes ${range.start}-${range.end}/${file.size}`);
		headers.set('content-length', String(range.end - range.start + 1));
		return new Response(body, { status: 206, headers });
	}
	headers.set('content-length', String(file.size));
	return new Response(body, { status: 200, headers });
}

const ReadableStreamFrom = (s: Readable) => (globalThis as unknown as { ReadableStream: { from: (s: unknown) => ReadableStream } }).ReadableStream.from(s);
