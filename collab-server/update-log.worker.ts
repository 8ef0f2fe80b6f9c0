import { parentPort, workerData } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import { openDatabase } from '#lib/server/db/client.ts';
import { createCollabRepository } from '#lib/server/collab/collab.repository.ts';
import { createUpdateLog } from './update-log.ts';
import type { ToLog, FromLog } from './update-log-thread.ts';

// The update log's own thread: the database connection, its socket writes and its replies
// stay off the event loop that broadcasts live markup.
const port = parentPort!;
const database = await openDatabase({ databaseUrl: (workerData as { databaseUrl: string }).databaseUrl, maxConnections: 2 });
const repo = createCollabRepository(database.db);
const log = createUpdateLog(repo);
const reply = (m: FromLog) => port.postMessage(m);
// Snapshots are stored one at a time, so of the two connections one is always free for the
// log: rooms unloading together would otherwise hold both with whole-document writes while
// the writers' acknowledgements wait behind them.
let stores: Promise<void> = Promise.resolve();
// drizzle wraps the driver's error; its cause says what the database refused.
const messageOf = (e: unknown) => (e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e));
// Acknowledgements made in one turn of the event loop go back in one message.
let done: { seqs: number[]; ids: number[] } | null = null;
const ack = (seq: number, id: number) => {
	if (!done) {
		done = { seqs: [], ids: [] };
		setImmediate(() => {
			reply({ kind: 'done', ...done! });
			done = null;
		});
	}
	done.seqs.push(seq);
	done.ids.push(id);
};

port.on('message', (m: ToLog) => {
	if (m.kind === 'append') {
		let at = 0;
		for (const [i, seq] of m.seqs.entries()) {
			const update = m.data.slice(at, at + m.lengths[i]!);
			at += m.lengths[i]!;
			log.append(m.names[i]!, update).then(
				(id) => ack(seq, id),
				(e: unknown) => reply({ kind: 'failed', seq, message: messageOf(e) })
			);
		}
	} else if (m.kind === 'store') {
		// A failed store answers its own caller and does not stop the ones queued after it.
		stores = stores
			.then(() => repo.store(m.name, m.state, m.applied, m.at))
			.then(
				() => ack(m.seq, 0),
				(e: unknown) => reply({ kind: 'failed', seq: m.seq, message: messageOf(e) })
			);
	} else {
		void Promise.all([log.drain(), stores]).then(async () => {
			await database.close();
			setImmediate(() => reply({ kind: 'closed' }));
		});
	}
});
await database.db.execute(sql`select 1`);
reply({ kind: 'ready' });
