import { Worker } from 'node:worker_threads';
import { COMMIT_WINDOW_MS } from './update-log.ts';

export type ToLog =
	| { kind: 'append'; seqs: number[]; names: string[]; lengths: number[]; data: Uint8Array }
	| { kind: 'store'; seq: number; name: string; state: Uint8Array; applied: number[]; at: Date }
	| { kind: 'close' };
export type FromLog = { kind: 'ready' } | { kind: 'closed' } | { kind: 'done'; seqs: number[]; ids: number[] } | { kind: 'failed'; seq: number; message: string };

/**
 * The update log (see update-log.ts) and the snapshot store in a worker thread with its own
 * PostgreSQL connections. Under live load the log's socket writes and result parsing cost
 * the main thread as much as all of Hocuspocus; there they delay broadcasts, here they run
 * beside them (measured in bench/RESULTS.md, broadcast).
 */
export function createThreadedUpdateLog(databaseUrl: string, log?: (m: string) => void) {
	const worker = new Worker(new URL('./update-log.worker.ts', import.meta.url), { workerData: { databaseUrl } });
	worker.unref();
	const pending = new Map<number, { resolve: (id: number) => void; reject: (e: unknown) => void }>();
	let seq = 0;
	let outbox: { seqs: number[]; names: string[]; updates: Uint8Array[]; bytes: number } | null = null;
	let closed: (() => void) | null = null;
	let dead: Error | null = null;
	const idle: (() => void)[] = [];
	const settle = (s: number) => {
		pending.delete(s);
		if (!pending.size) for (const r of idle.splice(0)) r();
	};

	let markReady: () => void = () => {};
	let markFailed: (e: Error) => void = () => {};
	/** Resolves once the worker's database connection works; the server listens only then. */
	const ready = new Promise<void>((resolve, reject) => {
		markReady = resolve;
		markFailed = reject;
	});
	ready.catch(() => {});
	const failAll = (e: Error) => {
		if (!dead) log?.(`collab: ${e.message}`);
		dead = e;
		markFailed(e);
		for (const [s, p] of pending) {
			p.reject(e);
			settle(s);
		}
		closed?.();
	};
	worker.on('message', (m: FromLog) => {
		if (m.kind === 'done') {
			m.seqs.forEach((s, i) => {
				pending.get(s)?.resolve(m.ids[i]!);
				settle(s);
			});
		} else if (m.kind === 'failed') {
			pending.get(m.seq)?.reject(new Error(m.message));
			settle(m.seq);
		} else if (m.kind === 'ready') markReady();
		else closed?.();
	});
	worker.on('error', (e) => failAll(e));
	worker.on('exit', (code) => failAll(new Error(`The update log's thread stopped (exit code ${code}).`)));

	// The window's updates go over in one buffer, handed over rather than cloned: cloning a
	// list of views costs the event loop a copy and an allocation per update.
	const send = () => {
		if (!outbox) return;
		const { seqs, names, updates, bytes } = outbox;
		outbox = null;
		const data = new Uint8Array(bytes);
		let at = 0;
		for (const u of updates) {
			data.set(u, at);
			at += u.length;
		}
		worker.postMessage({ kind: 'append', seqs, names, lengths: updates.map((u) => u.length), data } satisfies ToLog, [data.buffer]);
	};

	return {
		ready,
		append(name: string, update: Uint8Array): Promise<number> {
			if (dead) return Promise.reject(dead);
			return new Promise((resolve, reject) => {
				const s = ++seq;
				pending.set(s, { resolve, reject });
				if (!outbox) {
					outbox = { seqs: [], names: [], updates: [], bytes: 0 };
					// Posting wakes the worker, which costs the event loop tens of microseconds: once per
					// commit window (the log commits at most that often anyway), not once per update.
					setTimeout(send, COMMIT_WINDOW_MS);
				}
				outbox.seqs.push(s);
				outbox.names.push(name);
				// Copied into the window's buffer when it is sent; the update is not changed meanwhile.
				outbox.updates.push(update);
				outbox.bytes += update.length;
			});
		},
		/** `CollabRepository.store`, run by the worker. */
		store(name: string, state: Uint8Array, applied: number[], at: Date): Promise<void> {
			if (dead) return Promise.reject(dead);
			return new Promise((resolve, reject) => {
				const s = ++seq;
				pending.set(s, { resolve: () => resolve(), reject });
				worker.postMessage({ kind: 'store', seq: s, name, state, applied, at } satisfies ToLog);
			});
		},
		/** Resolves when everything appended so far is committed (or has failed). */
		async drain() {
			send();
			if (pending.size) await new Promise<void>((r) => idle.push(r));
		},
		/** Commits what is queued, then closes the worker's connection and the worker. */
		async close() {
			if (dead) return;
			send();
			await new Promise<void>((r) => {
				closed = r;
				worker.postMessage({ kind: 'close' } satisfies ToLog);
			});
			dead = new Error('The update log is closed.');
			await worker.terminate();
		}
	};
}
