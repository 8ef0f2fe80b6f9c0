// Audit verification over 1,000,000 events: the time `loupe audit verify` takes and whether
// its memory stays flat, on PostgreSQL. The chain is built once with the same hashing as
// the app (audit/canonical.ts) and bulk-inserted; verification then runs in a child process
// (`node bin/loupe.ts audit verify`, as a user would) whose memory is sampled, for 100,000
// events and for all 1,000,000, so that flat memory shows as the same peak for both.
//   node bench/audit-verify.ts [--events 1000000]
// LOUPE_BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) is used to
// create loupe_bench_audit once; later runs reuse it when it holds the same number of events.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase } from '#lib/server/db/client.ts';
import { migrate } from '#lib/server/db/migrate.ts';
import { GENESIS, hashEvent, type ChainedEvent } from '#lib/server/audit/canonical.ts';
import { machine, writeSection } from './results.ts';

const { values } = parseArgs({ options: { events: { type: 'string', default: '1000000' } } });
const TOTAL = Number(values.events);
const SMALL = Math.min(100_000, TOTAL);
const BASE = process.env.LOUPE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = 'loupe_bench_audit';
const URL_ = Object.assign(new URL(BASE), { pathname: `/${DB}` }).href;
const ROOT = path.resolve(import.meta.dirname, '..');

// Two workspaces: one with SMALL events, one with the rest, so one run can verify either.
const SMALL_WS = '00000000-0000-4000-8000-000000000001';
const BIG_WS = '00000000-0000-4000-8000-000000000002';
const TYPES = ['proof.created', 'stage.started', 'decision.made', 'decision.changed', 'stage.closed', 'version.uploaded', 'original.downloaded', 'thread.resolved'];

async function ensureData() {
	const admin = postgres(BASE, { max: 1, onnotice: () => {} });
	const exists = (await admin`select 1 from pg_database where datname = ${DB}`).length > 0;
	if (!exists) await admin.unsafe(`create database ${DB}`);
	await admin.end();
	const database = await openDatabase({ databaseUrl: URL_ });
	await migrate(database);
	await database.close();
	const sql = postgres(URL_, { max: 1, onnotice: () => {} });
	const n = (await sql<{ n: number }[]>`select count(*)::int as n from audit_event`)[0]?.n ?? 0;
	if (n === TOTAL) {
		await sql.end();
		console.log(`reusing ${n.toLocaleString('en')} events in ${DB}`);
		return;
	}
	await sql.begin(async (tx) => {
		await tx.unsafe('set local session_replication_role = replica');
		await tx.unsafe('truncate audit_event, audit_head');
	});
	const started = performance.now();
	for (const [ws, count] of [
		[SMALL_WS, SMALL],
		[BIG_WS, TOTAL - SMALL]
	] as const) {
		let prevHash = GENESIS;
		let at = Date.parse('2026-01-01T00:00:00Z');
		const actor = randomUUID();
		for (let seq = 1; seq <= count; ) {
			const rows: Record<string, unknown>[] = [];
			for (const end = Math.min(count, seq + 4999); seq <= end; seq++) {
				at += 1000 + (seq % 7) * 137;
				const e: ChainedEvent = {
					workspaceId: ws,
					seq,
					at: new Date(at),
					type: TYPES[seq % TYPES.length]!,
					actorId: actor,
					actorKind: 'user',
					actorName: 'Bench Person',
					proofId: seq % 3 ? null : actor,
					subject: `proof:${actor}`,
					data: { stage: 'Brand', decision: 'approved', note: seq % 5 ? '' : 'Looks right to me, ship it.', round: 1 + (seq % 3), version: seq % 9 },
					prevHash
				};
				const hash = hashEvent(e);
				rows.push({
					workspace_id: e.workspaceId,
					seq: e.seq,
					at: e.at,
					type: e.type,
					actor_id: e.actorId,
					actor_kind: e.actorKind,
					actor_name: e.actorName,
					proof_id: e.proofId,
					subject: e.subject,
					data: sql.json(e.data as never),
					prev_hash: e.prevHash,
					hash
				});
				prevHash = hash;
			}
			await sql`insert into audit_event ${sql(rows)}`;
			if (seq % 100_000 === 1) process.stdout.write(`\r${ws === SMALL_WS ? 'small' : 'large'} chain: ${(seq - 1).toLocaleString('en')} events`);
		}
		await sql`insert into audit_head (workspace_id, seq, hash) values (${ws}, ${count}, ${prevHash})`;
	}
	await sql`vacuum analyze audit_event`;
	await sql.end();
	console.log(`\ngenerated ${TOTAL.toLocaleString('en')} events in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

/** Runs `loupe audit verify`, sampling the child's resident memory every 50 ms from /proc. */
function verify(args: string[], heapMiB?: number) {
	return new Promise<{ seconds: number; peakMiB: number; startMiB: number; out: string; code: number | null }>((resolve) => {
		const started = performance.now();
		const child = spawn(process.execPath, ['bin/loupe.ts', 'audit', 'verify', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: URL_, LOUPE_LOG: 'error', ...(heapMiB ? { NODE_OPTIONS: `--max-old-space-size=${heapMiB}` } : {}) } });
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		const samples: number[] = [];
		const timer = setInterval(() => {
			try {
				const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]);
				if (kb) samples.push(kb / 1024);
			} catch {
				// The child has exited.
			}
		}, 50);
		child.on('close', (code) => {
			clearInterval(timer);
			resolve({ seconds: (performance.now() - started) / 1000, peakMiB: Math.max(...samples), startMiB: samples[Math.min(20, samples.length - 1)] ?? 0, out: out.trim(), code });
		});
	});
}

await ensureData();
const small = await verify(['--workspace', SMALL_WS]);
console.log(small.out);
const all = await verify([]);
console.log(all.out);
// The proof that it streams: the whole trail again with the JavaScript heap capped.
const HEAP = 160;
const capped = await verify([], HEAP);
console.log(capped.out);
if (small.code !== 0 || all.code !== 0) throw new Error('verification failed on an intact chain');

const rate = (TOTAL / all.seconds).toFixed(0);
writeSection(
	'audit-verify',
	`## Audit verify: ${TOTAL.toLocaleString('en')} events on PostgreSQL

${new Date().toISOString().slice(0, 10)} · ${machine()} · PostgreSQL 15 on the same machine. Two workspace chains (${SMALL.toLocaleString('en')} and ${(TOTAL - SMALL).toLocaleString('en')} events) of realistic events (decision data with notes, ~250 bytes of canonical JSON each), built with the app's own hashing. Each run is \`node bin/loupe.ts audit verify\` as a user runs it: a fresh process that opens the database, then reads each chain in keyset batches of 5,000 and recomputes every SHA-256; the time includes process start and migration check. Memory is the child's resident set (VmRSS from /proc, every 50 ms).

| run | events | seconds | events / s | RSS after start | peak RSS |
|---|---|---|---|---|---|
| \`audit verify --workspace <small>\` | ${SMALL.toLocaleString('en')} | ${small.seconds.toFixed(1)} | ${(SMALL / small.seconds).toFixed(0)} | ${small.startMiB.toFixed(0)} MiB | ${small.peakMiB.toFixed(0)} MiB |
| \`audit verify\` (every workspace) | ${TOTAL.toLocaleString('en')} | ${all.seconds.toFixed(1)} | ${rate} | ${all.startMiB.toFixed(0)} MiB | ${all.peakMiB.toFixed(0)} MiB |
| the same with the JavaScript heap capped at ${HEAP} MiB (\`--max-old-space-size\`) | ${TOTAL.toLocaleString('en')} | ${capped.seconds.toFixed(1)} | ${(TOTAL / capped.seconds).toFixed(0)} | ${capped.startMiB.toFixed(0)} MiB | ${capped.peakMiB.toFixed(0)} MiB ${capped.code === 0 ? '(passed)' : '(FAILED)'} |

Verifying ${TOTAL.toLocaleString('en')} events takes **${all.seconds.toFixed(0)} s**. Memory does not grow with the trail: uncapped, the peak for ten times the events is ${(all.peakMiB / small.peakMiB).toFixed(2)}× the smaller run's (V8 lets its heap grow before collecting when it may), and with the heap capped at ${HEAP} MiB the full million ${capped.code === 0 ? 'verifies as well' : 'did not verify'} (slower, as the collector runs more often): it holds one batch of 5,000 rows at a time.
Reproduce: \`node bench/audit-verify.ts\` (\`--events N\`; needs a local PostgreSQL where \`LOUPE_BENCH_DATABASE_URL\`, default \`postgres://postgres@127.0.0.1:5432/postgres\`, may create the database ${DB}, kept for later runs).`
);
console.log(`verify: ${all.seconds.toFixed(1)} s for ${TOTAL} events, peak ${all.peakMiB.toFixed(0)} MiB (small run ${small.peakMiB.toFixed(0)} MiB)`);
