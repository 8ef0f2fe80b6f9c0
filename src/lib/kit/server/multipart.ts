import { Readable } from 'node:stream';
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
			resolve({ file: { name: info.filename ?? 'file', stream }, fields: () => allFields });
		});
		bb.on('close', () => {
			finish(fields);
			if (!gotFile) reject(new DomainError('invalid', 'No file: send it in a multipart field named "file".'));
		});
		bb.on('error', (e: unknown) => {
			const err = new DomainError('invalid', `The multipart body could not be read: ${e instanceof Error ? e.message : String(e)}`);
			fail(err);
			reject(err);
		});
		Readable.fromWeb(request.body as import('node:stream/web').ReadableStream).pipe(bb);
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
