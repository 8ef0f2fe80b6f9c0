import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createThreadedUpdateLog } from '../../collab-server/update-log-thread.ts';
import { createCollabRepository } from '#lib/server/collab/collab.repository.ts';
import { backends, type TestDb } from '../helpers/db.ts';

const postgres = backends.find((b) => b.name === 'postgres');

/** A document state of about `bytes`, as a busy room's snapshot would be. */
function stateOf(bytes: number) {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, 'x'.repeat(bytes));
	return Y.encodeStateAsUpdate(doc);
}

// The threaded log runs on PostgreSQL only (PGlite lives in the server's own thread).
describe.skipIf(!postgres)('the update log thread', () => {
	let db: TestDb;
	afterAll(() => db?.close());

	it('keeps committing the log while many snapshots are being stored', async () => {
		db = await postgres!.open();
		const log = createThreadedUpdateLog(db.url!);
		await log.ready;
		const state = stateOf(512 * 1024);
		let storesDone = 0;
		// Many rooms unloading at once: each store is a whole-document write.
		const stores = Array.from({ length: 30 }, (_, i) => log.store(`version:burst-${i}`, state, [], new Date()).then(() => void storesDone++));
		const update = stateOf(100);
		const id = await log.append('version:busy', update);
		const storesDoneAtAck = storesDone;
		await Promise.all(stores);
		await log.close();

		// The writer's acknowledgement waited for at most the snapshot already being written,
		// not for the queue of them.
		expect(storesDoneAtAck).toBeLessThan(5);
		const repo = createCollabRepository(db.database.db);
		const busy = await repo.load('version:busy');
		expect(busy.updates.map((u) => u.id)).toEqual([id]);
		expect((await repo.load('version:burst-29')).state?.length).toBe(state.length);
	});

	it('goes on storing after a snapshot fails', async () => {
		db ??= await postgres!.open();
		const log = createThreadedUpdateLog(db.url!);
		await log.ready;
		const good = stateOf(10);
		// An update the merge cannot read fails that store inside its transaction.
		await log.store('version:broken', good, [], new Date());
		const failed = log.store('version:broken', new Uint8Array([1, 2, 3, 4, 5]), [], new Date());
		const next = log.store('version:after', good, [], new Date());
		await expect(failed).rejects.toThrow();
		await expect(next).resolves.toBeUndefined();
		await log.close();
		const repo = createCollabRepository(db.database.db);
		expect((await repo.load('version:after')).state?.length).toBe(good.length);
	});
});
