import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '#lib/shared/errors.ts';
import type { ByteRange, Storage, StoredObject } from './storage.ts';

const SAFE_KEY = /^[a-zA-Z0-9][a-zA-Z0-9/_.-]*$/;

/** Files under one root; writes go to a temp file and are renamed into place, so readers never see half a file. */
export function createLocalStorage(root: string): Storage {
	const tmpDir = path.join(root, '.tmp');
	const resolve = (key: string) => {
		if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`unsafe storage key: ${key}`);
		return path.join(root, key);
	};

	async function put(key: string, body: Readable | AsyncIterable<Uint8Array>, opts: { maxBytes?: number } = {}): Promise<StoredObject> {
		const dest = resolve(key);
		await fsp.mkdir(tmpDir, { recursive: true });
		await fsp.mkdir(path.dirname(dest), { recursive: true });
		const tmp = path.join(tmpDir, randomUUID());
		const hash = createHash('sha256');
		let size = 0;
		const max = opts.maxBytes ?? Number.POSITIVE_INFINITY;
		const meter = new Transform({
			transform(chunk: Buffer, _enc, done) {
				size += chunk.length;
				if (size > max) return done(new DomainError('too_large', `The file is larger than the limit of ${formatBytes(max)}.`));
				hash.update(chunk);
				done(null, chunk);
			}
		});
		try {
			await pipeline(body, meter, fs.createWriteStream(tmp, { flags: 'wx' }));
			await fsp.rename(tmp, dest);
		} catch (e) {
			await fsp.rm(tmp, { force: true });
			throw e;
		}
		return { key, size, sha256: hash.digest('hex') };
	}

	return {
		put,
		putBuffer: (key, body) => put(key, Readable.from([body])),
		async get(key: string, range?: ByteRange) {
			const file = resolve(key);
			await fsp.access(file);
			return fs.createReadStream(file, range ? { start: range.start, end: range.end } : {});
		},
		async size(key) {
			try {
				return (await fsp.stat(resolve(key))).size;
			} catch {
				return null;
			}
		},
		async localPath(key) {
			return { path: resolve(key), release: async () => {} };
		},
		async delete(key) {
			await fsp.rm(resolve(key), { force: true });
		},
		async deletePrefix(prefix) {
			await fsp.rm(resolve(prefix), { recursive: true, force: true });
		}
	};
}

export function formatBytes(n: number): string {
	if (!Number.isFinite(n)) return 'unlimited';
	const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
	let i = 0;
	while (n >= 1024 && i < units.length - 1) {
		n /= 1024;
		i++;
	}
	return `${Number.isInteger(n) ? n : n.toFixed(1)} ${units[i]}`;
}
