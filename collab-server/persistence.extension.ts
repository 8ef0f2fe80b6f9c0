import * as Y from 'yjs';
import type { Connection, Extension } from '@hocuspocus/server';
import type { CollabRepository } from '#lib/server/collab/collab.repository.ts';
import { createUpdateLog } from './update-log.ts';
import { createThreadedUpdateLog } from './update-log-thread.ts';
import { messageType } from './frame.ts';

const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;
/** Hocuspocus's SyncStatus message: the server telling a client its update is saved. */
const SYNC_STATUS = 8;

/**
 * Durable persistence. Every update a client sends is appended to the update log as it
 * arrives (group-committed with whatever else arrives meanwhile) and applied and passed on
 * to the others at once; the client's acknowledgement waits until the log entry is
 * committed. So an acknowledged edit survives `kill -9` the moment after, and others see
 * it without waiting for the disk. An edit whose log write fails is never acknowledged:
 * the document is stored whole instead and the connection closed, so the client resyncs.
 *
 * The debounced store folds the log into a snapshot. A document whose load failed is never
 * stored: that would overwrite the real state with an empty one.
 */
export function persistenceExtension(repo: CollabRepository, now: () => Date, opts: { log?: (m: string) => void; databaseUrl?: string } = {}) {
	// On PostgreSQL the log writes from its own thread; PGlite lives in this one.
	const log = opts.databaseUrl ? createThreadedUpdateLog(opts.databaseUrl, opts.log) : { ...createUpdateLog(repo), store: repo.store, ready: Promise.resolve(), close: async () => {} };
	const failedLoads = new Set<string>();
	// The log entries this process's copy of each document contains, which its next snapshot
	// may delete. Entries logged by other processes (scaled mode) are theirs to fold.
	const applied = new Map<string, Set<number>>();
	const appliedOf = (name: string) => {
		let set = applied.get(name);
		if (!set) applied.set(name, (set = new Set()));
		return set;
	};
	// Per connection: the newest log write, which each acknowledgement waits for (writes
	// commit in order), and the chain that keeps acknowledgements in order.
	const gates = new WeakMap<Connection, { lastWrite: Promise<unknown>; acks: Promise<unknown> }>();

	const store = async (name: string, doc: Y.Doc) => {
		if (failedLoads.has(name)) return;
		const ids = [...appliedOf(name)];
		await log.store(name, Y.encodeStateAsUpdate(doc), ids, now());
		const set = applied.get(name);
		for (const id of ids) set?.delete(id);
	};

	/** Holds this connection's "saved" acknowledgements until its log writes are committed. */
	function gate(connection: Connection) {
		let g = gates.get(connection);
		if (g) return g;
		g = { lastWrite: Promise.resolve(), acks: Promise.resolve() };
		gates.set(connection, g);
		const gateState = g;
		const send = connection.send.bind(connection);
		connection.send = (message: Uint8Array) => {
			if (messageType(message) !== SYNC_STATUS) return send(message);
			const written = gateState.lastWrite;
			gateState.acks = gateState.acks.then(() => written).then(
				() => send(message),
				() => {}
			);
		};
		return g;
	}

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
		async beforeSync({ type, payload, connection, documentName, document }) {
			// An empty update is two bytes; read-only connections' updates are never applied.
			if ((type !== SYNC_STEP_2 && type !== SYNC_UPDATE) || connection.readOnly || payload.length <= 2) return;
			const g = gate(connection);
			const write = log.append(documentName, payload).then(
				(id) => void applied.get(documentName)?.add(id),
				async (e: unknown) => {
					opts.log?.(`collab: logging an update to ${documentName} failed (${e instanceof Error ? e.message : String(e)}); storing the document whole`);
					try {
						await store(documentName, document);
					} finally {
						connection.close({ code: 1011, reason: 'Could not save the change' });
					}
					throw e;
				}
			);
			write.catch(() => {});
			g.lastWrite = write;
		},
		async onStoreDocument({ documentName, document }) {
			await store(documentName, document);
		},
		async afterUnloadDocument({ documentName }) {
			applied.delete(documentName);
		}
	};
	return { extension, store, ready: log.ready, drain: log.drain, closeLog: log.close };
}
