import * as Y from 'yjs';
import type { Extension } from '@hocuspocus/server';
import type { CollabRepository } from '#lib/server/collab/collab.repository.ts';

/**
 * Snapshot persistence. A document whose load failed is never stored: storing it would
 * overwrite the real state with an empty one.
 */
export function persistenceExtension(repo: CollabRepository, now: () => Date) {
	const failedLoads = new Set<string>();

	const store = async (name: string, doc: Y.Doc) => {
		if (failedLoads.has(name)) return;
		await repo.store(name, Y.encodeStateAsUpdate(doc), now());
	};

	const extension: Extension = {
		extensionName: 'loupe-persistence',
		async onLoadDocument({ documentName, document }) {
			try {
				const state = await repo.load(documentName);
				failedLoads.delete(documentName);
				if (state) Y.applyUpdate(document, state);
			} catch (e) {
				failedLoads.add(documentName);
				throw e;
			}
		},
		async onStoreDocument({ documentName, document }) {
			await store(documentName, document);
		}
	};
	return { extension, store };
}
