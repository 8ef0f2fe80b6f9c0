import * as Y from 'yjs';
import type { Connection, Extension } from '@hocuspocus/server';
import type { CollabRepository } from '#lib/server/collab/collab.repository.ts';

const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/**
 * Durable persistence: every update a client sends is logged (awaited) before Hocuspocus
 * applies and acknowledges it, so an acknowledged edit survives a crash the moment after.
 * The debounced store folds the log into a snapshot. A document whose load failed is never
 * stored: that would overwrite the real state with an empty one.
 */
export function persistenceExtension(repo: CollabRepository, now: () => Date) {
	const failedLoads = new Set<string>();
	// Log ids written for a connection's message and not yet applied; once applied they join
	// `applied`: the log entries this process's copy of the document contains, which its next
	// snapshot may delete. Entries logged by other processes (scaled mode) are theirs to fold.
	const pending = new WeakMap<Connection, number[]>();
	const applied = new Map<string, Set<number>>();
	const appliedOf = (name: string) => {
		let set = applied.get(name);
		if (!set) applied.set(name, (set = new Set()));
		return set;
	};

	const store = async (name: string, doc: Y.Doc) => {
		if (failedLoads.has(name)) return;
		const ids = [...appliedOf(name)];
		await repo.store(name, Y.encodeStateAsUpdate(doc), ids, now());
		const set = applied.get(name);
		for (const id of ids) set?.delete(id);
	};

	const extension: Extension = {
		extensionName: 'loupe-persistence',
		async onLoadDocument({ documentName, document }) {
			try {
				const { state, updates } = await repo.load(documentName);
				failedLoads.delete(documentName);
				if (state) Y.applyUpdate(document, state);
				for (const u of updates) Y.applyUpdate(document, u.update);
				applied.set(documentName, new Set(updates.map((u) => u.id)));
			} catch (e) {
				failedLoads.add(documentName);
				throw e;
			}
		},
		async beforeSync({ type, payload, connection, documentName }) {
			// An empty update is two bytes; read-only connections' updates are never applied.
			if ((type !== SYNC_STEP_2 && type !== SYNC_UPDATE) || connection.readOnly || payload.length <= 2) return;
			const id = await repo.append(documentName, payload);
			const ids = pending.get(connection) ?? [];
			ids.push(id);
			pending.set(connection, ids);
		},
		async afterHandleMessage({ connection, documentName }) {
			const ids = pending.get(connection);
			if (!ids?.length) return;
			const set = appliedOf(documentName);
			for (const id of ids) set.add(id);
			ids.length = 0;
		},
		async onStoreDocument({ documentName, document }) {
			await store(documentName, document);
		},
		async afterUnloadDocument({ documentName }) {
			applied.delete(documentName);
		}
	};
	return { extension, store };
}
