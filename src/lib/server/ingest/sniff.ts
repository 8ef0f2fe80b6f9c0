import type { Readable } from 'node:stream';

/**
 * Reads at least `bytes` from the front of a stream (or all of a shorter one) and returns
 * them with a stream that replays them followed by the rest, so nothing is read twice.
 */
export async function peek(source: Readable | AsyncIterable<Uint8Array>, bytes: number) {
	const it = (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
	const chunks: Uint8Array[] = [];
	let have = 0;
	let done = false;
	while (have < bytes) {
		const next = await it.next();
		if (next.done) {
			done = true;
			break;
		}
		chunks.push(next.value);
		have += next.value.length;
	}
	const head = Buffer.concat(chunks);
	async function* replay() {
		if (head.length) yield head;
		if (done) return;
		for (;;) {
			const next = await it.next();
			if (next.done) return;
			yield next.value;
		}
	}
	return { head: head.subarray(0, bytes), stream: replay() };
}
