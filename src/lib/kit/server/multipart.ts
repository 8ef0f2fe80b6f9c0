import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { DomainError } from '#lib/shared/errors.ts';
import type { Upload } from '#lib/server/assets/asset.service.ts';

/**
 * Streams a multipart upload: resolves as soon as the `file` part begins, so its bytes go
 * straight to storage; the other fields are handed over once the body has been read.
 */
export function readUpload(request: Request, maxBytes: number): Promise<Upload> {
	const type = request.headers.get('content-type') ?? '';
	if (!type.startsWith('multipart/form-data')) {
		return Promise.reject(new DomainError('unsupported_media_type', 'Send the file as multipart/form-data with a field named "file".'));
	}
	const length = Number(request.headers.get('content-length') ?? 0);
	if (length > maxBytes + 1024 * 1024) return Promise.reject(new DomainError('too_large', 'The upload is larger than the limit.'));
	if (!request.body) return Promise.reject(new DomainError('invalid', 'The request has no body.'));

	return new Promise((resolve, reject) => {
		const fields: Record<string, string> = {};
		let gotFile = false;
		let file: Readable | undefined;
		let finish!: (f: Record<string, string>) => void;
		let fail!: (e: unknown) => void;
		const allFields = new Promise<Record<string, string>>((res, rej) => ((finish = res), (fail = rej)));
		allFields.catch(() => {});

		const bb = busboy({
			headers: { 'content-type': type },
			limits: { files: 1, fields: 50, fieldSize: 64 * 1024, fileSize: maxBytes + 1 }
		});
		bb.on('field', (name, value) => (fields[name] = value));
		bb.on('file', (name, stream, info) => {
			if (name !== 'file' || gotFile) return void stream.resume();
			gotFile = true;
			file = stream;
			// A handler may refuse the request before reading the file (no permission, say);
			// busboy then fails the unread part when the body is cut off, and with no listener
			// that error would reach the process. Consumers that read still see it.
			stream.on('error', () => {});
			resolve({ file: { name: info.filename ?? 'file', stream }, fields: () => allFields });
		});
		bb.on('close', () => {
			finish(fields);
			if (!gotFile) reject(new DomainError('invalid', 'No file: send it in a multipart field named "file".'));
		});
		const failed = (e: unknown) => {
			const err = new DomainError('invalid', `The upload did not arrive whole: ${e instanceof Error ? e.message : String(e)}`);
			// Whoever is storing the file must stop and clean up, not wait for bytes that never come.
			// A consumer that already stopped reading (and destroyed the stream) has no listener
			// left for the error: destroying it again would throw it at the process.
			if (file && !file.destroyed) file.destroy(err);
			fail(err);
			reject(err);
		};
		bb.on('error', failed);
		// A client that gives up mid-upload makes the body stream fail; that must end this
		// upload only, never reach the process as an unhandled 'error'.
		pipeline(Readable.fromWeb(request.body as import('node:stream/web').ReadableStream), bb).catch(failed);
	});
}

/** Parses a single `Range: bytes=a-b` header against a known size. */
export function parseRange(header: string | null, size: number): { start: number; end: number } | 'invalid' | null {
	if (!header) return null;
	const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
	let start: number;
	let end: number;
	if (m[1] === '') {
		start = Math.max(0, size - Number(m[2]));
		end = size - 1;
	} else {
		start = Number(m[1]);
		end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
	}
	if (start > end || start >= size) return 'invalid';
	return { start, end };
}
