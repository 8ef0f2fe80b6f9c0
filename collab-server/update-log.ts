import type { CollabRepository } from '#lib/server/collab/collab.repository.ts';

/**
 * Group commit for the update log: updates that arrive while a write is in flight go to the
 * database together in the next one, one statement and one commit for all of them. Under
 * load that turns hundreds of commits a second into a few dozen; alone, an update is
 * written at once. Batches commit one after another, so an update's id is committed only
 * after every earlier one.
 */
export function createUpdateLog(repo: Pick<CollabRepository, 'appendMany'>, opts: { maxBatch?: number } = {}) {
	const maxBatch = opts.maxBatch ?? 500;
	type Item = { name: string; update: Uint8Array; resolve: (id: number) => void; reject: (e: unknown) => void };
	let queue: Item[] = [];
	let flushing: Promise<void> | null = null;

	const flush = async () => {
		while (queue.length) {
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
