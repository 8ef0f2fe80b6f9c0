import type { CollabRepository } from '#lib/server/collab/collab.repository.ts';

/**
 * Group commit for the update log: updates that arrive while a write is in flight go to the
 * database together in the next one, one statement and one commit for all of them. Batches
 * start at most once per `windowMs`, so a busy server makes a few dozen commits a second
 * instead of one per update: each commit costs the event loop a socket write and the
 * database an fsync, and both delay the broadcasts that share the loop. Alone, an update is
 * written at once. Batches commit one after another, so an update's id is committed only
 * after every earlier one.
 */
/**
 * How often the log commits under load. Longer windows mean fewer commits (less work for
 * the database, the log's thread and the replies to the event loop) and a later "saved"
 * for the writer; broadcasts to the others never wait for it.
 */
export const COMMIT_WINDOW_MS = 10;

export function createUpdateLog(repo: Pick<CollabRepository, 'appendMany'>, opts: { maxBatch?: number; windowMs?: number } = {}) {
	const maxBatch = opts.maxBatch ?? 500;
	const windowMs = opts.windowMs ?? COMMIT_WINDOW_MS;
	type Item = { name: string; update: Uint8Array; resolve: (id: number) => void; reject: (e: unknown) => void };
	let queue: Item[] = [];
	let flushing: Promise<void> | null = null;
	let lastStart = -Infinity;

	const flush = async () => {
		while (queue.length) {
			const wait = lastStart + windowMs - performance.now();
			if (wait > 0) await new Promise((r) => setTimeout(r, wait));
			lastStart = performance.now();
			const batch = queue.slice(0, maxBatch);
			queue = queue.slice(batch.length);
			try {
				const ids = await repo.appendMany(batch.map(({ name, update }) => ({ name, update })));
				batch.forEach((item, i) => item.resolve(ids[i]!));
			} catch (e) {
				for (const item of batch) item.reject(e);
			}
		}
		flushing = null;
	};

	return {
		/** Resolves with the update's log id once it is committed. */
		append(name: string, update: Uint8Array): Promise<number> {
			return new Promise((resolve, reject) => {
				queue.push({ name, update, resolve, reject });
				flushing ??= flush();
			});
		},
		/** Resolves when everything appended so far is committed (or has failed). */
		async drain() {
			while (flushing) await flushing;
		}
	};
}
