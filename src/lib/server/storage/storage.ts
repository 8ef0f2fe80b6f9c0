import type { Readable } from 'node:stream';

export type StoredObject = { key: string; size: number; sha256: string };
export type ByteRange = { start: number; end: number };

/** Where file bytes live: local disk by default, S3-compatible later. Keys are opaque paths. */
export interface Storage {
	/** Streams `body` to `key`, hashing as it goes; fails (and leaves nothing) past `maxBytes`. */
	put(key: string, body: Readable | AsyncIterable<Uint8Array>, opts?: { maxBytes?: number }): Promise<StoredObject>;
	putBuffer(key: string, body: Uint8Array): Promise<StoredObject>;
	get(key: string, range?: ByteRange): Promise<Readable>;
	size(key: string): Promise<number | null>;
	/** A local path for tools that need one (sharp, ffmpeg); removed by `release`. */
	localPath(key: string): Promise<{ path: string; release: () => Promise<void> }>;
	delete(key: string): Promise<void>;
	deletePrefix(prefix: string): Promise<void>;
}
