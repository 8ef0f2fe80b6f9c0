// Broadcast latency of live markup: 50 review rooms × 4 clients, one writer per room moving
// marks 10 times a second, through a real Loupe server (`loupe serve`: Hocuspocus on /collab
// with auth, the markup guard and the durable update log) against the plain y-websocket
// server (@y/websocket-server: no auth, no persistence), with identical load and the same lean
// client speaking each server's protocol. Context: bare Hocuspocus, Loupe with the
// HocuspocusProvider the browser runs, and Loupe on its embedded PGlite.
//   node bench/broadcast.ts [--loupe postgres,pglite]
//   BENCH_SECONDS=60 (measured seconds per server), BENCH_ROUNDS=4 (slices it is cut into)
//   BENCH_PROFILE=1 also writes a CPU profile of each Loupe server to bench/.work/broadcast/
//   and prints what the database backends were doing.
// Postgres: LOUPE_BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) is
// used to create and drop a throw-away database, loupe_bench_broadcast_<pid>.
//
// All servers run at once (idle, apart from the one under load) and the measured time is cut
// into slices taken in rotating order, so that other work on this shared 2-core machine falls
// on every server alike instead of on whichever happened to run at the time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import postgres from 'postgres';
import { machine, percentile, writeSection } from './results.ts';
import { CORES, freePort, machineCpu, postgresCpu, procCpu, processes } from './processes.ts';
import type { ClientsConfig, ClientsResult } from './broadcast-clients.ts';
import { SNAPSHOT_AT_MOST_EVERY_MS } from '../collab-server/collab.ts';

const { values } = parseArgs({ options: { loupe: { type: 'string', default: 'postgres,pglite' } } });
const LOUPE_ON = values.loupe.split(',').filter(Boolean) as ('postgres' | 'pglite')[];
if (!LOUPE_ON.length || LOUPE_ON.some((b) => b !== 'postgres' && b !== 'pglite')) throw new Error('--loupe takes postgres, pglite or both');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const SLICE_S = SECONDS / ROUNDS;
const DOCS = 50;
const PER_DOC = 4;
const RATE = 10;
const WARMUP_S = 5;
const MARKS_PER_DOC = 10;

const ROOT = path.resolve(import.meta.dirname, '..');
const WORK = path.join(import.meta.dirname, '.work', 'broadcast');
const PG_BASE = process.env.LOUPE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// One database per run, so that two runs at once (a shared machine) cannot drop each other's.
const DB_NAME = `loupe_bench_broadcast_${process.pid}`;
const DB_URL = Object.assign(new URL(PG_BASE), { pathname: `/${DB_NAME}` }).href;
const EMAIL = 'bench@example.test';
const PASSWORD = 'bench password, long enough';
fs.mkdirSync(WORK, { recursive: true });

const { track, atExit, start, stop, cli, waitHttp } = processes(ROOT, WORK);
const dropDb = () => spawnSync('psql', [PG_BASE, '-qc', `drop database if exists ${DB_NAME} with (force)`], { stdio: 'ignore' });
let dbCreated = false;
/** Loupe's LOUPE_DATA_DIRs (uploaded files; the PGlite database). */
const dataDirs: string[] = [];
atExit(() => {
	if (dbCreated) dropDb();
	for (const d of dataDirs) fs.rmSync(d, { recursive: true, force: true });
});

// ---- one measured slice --------------------------------------------------------------------

/** What one server needs for a slice: the client job, and how to account its CPU. */
type Target = {
	name: string;
	server: ChildProcess;
	config: Omit<ClientsConfig, 'seconds' | 'seed'>;
	withPostgres: boolean;
	/** A second target on the same server needs marks of its own: a mark's authorship is fixed once it exists. */
	seedOffset?: number;
};
type Slice = { result: ClientsResult; serverCpuS: number; pgCpuS: number; machineBusyS: number };

/** Runs the client process against one server for one slice, sampling CPU over its window. */
function measure(t: Target, seed: number): Promise<Slice> {
	return new Promise((resolve, reject) => {
		const config: ClientsConfig = { ...t.config, seconds: SLICE_S, seed: seed + (t.seedOffset ?? 0) };
		const clients = track(fork(path.join(import.meta.dirname, 'broadcast-clients.ts'), [], { cwd: ROOT, env: { ...process.env, BENCH_CONFIG: JSON.stringify(config) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
		let s0 = 0;
		let p0 = 0;
		let m0 = machineCpu();
		let serverCpuS = 0;
		let pgCpuS = 0;
		let machineBusyS = 0;
		let done = false;
		const sampler = t.withPostgres && process.env.BENCH_PROFILE ? pgSampler() : null;
		const serverDied = (code: number | null) => {
			if (!done) reject(new Error(`${t.name}: the server exited (${code}) during the run; see bench/.work/broadcast/${t.name}.log`));
		};
		t.server.once('exit', serverDied);
		clients.on('message', (msg: { phase: string } | ClientsResult) => {
			if (msg.phase === 'load') {
				sampler?.start();
				s0 = procCpu(t.server.pid!);
				p0 = t.withPostgres ? postgresCpu() : 0;
				m0 = machineCpu();
			} else if (msg.phase === 'load-end') {
				serverCpuS = procCpu(t.server.pid!) - s0;
				pgCpuS = t.withPostgres ? postgresCpu() - p0 : 0;
				const m = machineCpu();
				machineBusyS = ((m.busy - m0.busy) / (m.total - m0.total)) * CORES * SLICE_S;
				void sampler?.stop();
			} else if (msg.phase === 'done') {
				done = true;
				t.server.off('exit', serverDied);
				resolve({ result: msg as ClientsResult, serverCpuS, pgCpuS, machineBusyS });
			}
		});
		clients.on('exit', (code) => {
			if (!done) reject(new Error(`${t.name}: the client process exited with ${code} before reporting`));
		});
	});
}

/**
 * Diagnostics (BENCH_PROFILE=1): what the bench database's busy backends are doing, sampled
 * every 20 ms from pg_stat_activity, printed to the console (not written to RESULTS.md).
 */
function pgSampler() {
	const sql = postgres(DB_URL, { max: 1, onnotice: () => {} });
	const seen = new Map<string, number>();
	let samples = 0;
	let timer: NodeJS.Timeout | undefined;
	return {
		start() {
			timer = setInterval(async () => {
				const rows = await sql`select left(query, 70) as q, coalesce(wait_event, 'cpu') as w from pg_stat_activity
					where datname = ${DB_NAME} and state = 'active' and pid <> pg_backend_pid()`;
				samples++;
				for (const r of rows) {
					const key = `${r.w} | ${String(r.q).replace(/\s+/g, ' ')}`;
					seen.set(key, (seen.get(key) ?? 0) + 1);
				}
			}, 20);
		},
		async stop() {
			clearInterval(timer);
			await sql.end();
			console.log(`  postgres backends, mean active per sample over ${samples} samples (wait event | query):`);
			for (const [k, n] of [...seen].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`    ${(n / samples).toFixed(3)}  ${k}`);
		}
	};
}

const load = { clientsPerDoc: PER_DOC, rate: RATE, warmupS: WARMUP_S, seconds: SECONDS, marksPerDoc: MARKS_PER_DOC };

/** 64×64 PNGs, each a different colour, so none is a duplicate of another. */
const swatches = () =>
	Promise.all(
		Array.from({ length: DOCS }, (_, i) =>
			sharp({ create: { width: 64, height: 64, channels: 3, background: { r: (i * 53) % 256, g: (i * 97) % 256, b: (i * 151) % 256 } } })
				.png()
				.toBuffer()
		)
	);

/** Loupe set up through its own CLI and HTTP API: an account, an API token, DOCS uploaded images. */
async function loupe(backend: 'postgres' | 'pglite'): Promise<Target> {
	const name = `loupe-${backend}`;
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-bench-'));
	dataDirs.push(dataDir);
	const port = await freePort();
	const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOUPE_DATA_DIR: dataDir, DATABASE_URL: backend === 'postgres' ? DB_URL : '' };
	if (backend === 'postgres') {
		dropDb();
		dbCreated = true;
		const c = spawnSync('psql', [PG_BASE, '-qc', `create database ${DB_NAME}`], { encoding: 'utf8' });
		if (c.status !== 0) throw new Error(`psql: ${c.stderr}`);
	}
	console.log(`${name}: creating the account, token and ${DOCS} assets…`);
	await cli(['user', 'create', '--email', EMAIL, '--name', 'Bench', '--password', PASSWORD, '--admin', '--workspace', 'Bench'], env);
	const token = (await cli(['token', 'create', '--email', EMAIL], env)).split('\n').find((l) => l.startsWith('lp_'));
	if (!token) throw new Error('token create printed no lp_ token');

	const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.join(WORK, name)}`] : [];
	const server = start(name, [...profile, 'bin/loupe.ts', 'serve'], env);
	const base = `http://127.0.0.1:${port}`;
	await waitHttp(`${base}/api/v1/me`, server, name);
	const auth = { authorization: `Bearer ${token}` };
	const me = (await (await fetch(`${base}/api/v1/me`, { headers: auth })).json()) as { user: { id: string } };

	const versions: string[] = [];
	for (const [i, png] of (await swatches()).entries()) {
		const form = new FormData();
		form.append('title', `Swatch ${i + 1}`);
		form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), `swatch-${i + 1}.png`);
		const res = await fetch(`${base}/api/v1/assets`, { method: 'POST', headers: auth, body: form });
		if (res.status !== 201) throw new Error(`upload ${i + 1}: ${res.status} ${await res.text()}`);
		versions.push(((await res.json()) as { version: { id: string } }).version.id);
	}
	// Ingest runs as background jobs; let it finish so it does not compete with the load.
	for (const id of versions) {
		for (let t = 0; ; t++) {
			const v = (await (await fetch(`${base}/api/v1/versions/${id}`, { headers: auth })).json()) as { status: string };
			if (v.status !== 'processing') break;
			if (t > 600) throw new Error(`version ${id} still processing after 60 s`);
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	return { name, server, withPostgres: backend === 'postgres', config: { protocol: 'hocuspocus-lean', url: `ws://127.0.0.1:${port}/collab`, token, docs: versions.map((v) => `version:${v}`), userId: me.user.id, ...load } };
}

/**
 * What one commit to the update log costs on its own: a single-row insert into collab_update
 * of an average update's size, one commit each, sequential, no other load.
 */
async function commitProbe(bytes: number) {
	const sql = postgres(DB_URL, { max: 1, onnotice: () => {} });
	const payload = Buffer.alloc(Math.round(bytes), 7);
	const times: number[] = [];
	for (let i = 0; i < 1000; i++) {
		const t = performance.now();
		await sql`insert into collab_update (name, update) values ('bench:probe', ${payload}) returning id`;
		times.push(performance.now() - t);
	}
	await sql.end();
	return times.slice(100);
}

const rooms = Array.from({ length: DOCS }, (_, i) => `bench-room-${i + 1}`);
const anyone = '6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';

/** The reference: @y/websocket-server, in memory only (no YPERSISTENCE, no CALLBACK_URL). */
async function reference(): Promise<Target> {
	const name = 'y-websocket';
	const port = await freePort();
	const { YPERSISTENCE: _p, CALLBACK_URL: _c, ...rest } = process.env;
	const server = start(name, ['node_modules/@y/websocket-server/src/server.js'], { ...rest, HOST: '127.0.0.1', PORT: String(port) });
	await waitHttp(`http://127.0.0.1:${port}/`, server, name);
	return { name, server, withPostgres: false, config: { protocol: 'y-websocket', url: `ws://127.0.0.1:${port}`, docs: rooms, userId: anyone, ...load } };
}

/** Context: Hocuspocus without Loupe's extensions, the same lean clients as Loupe's row. */
async function bareHocuspocus(): Promise<Target> {
	const name = 'hocuspocus';
	const port = await freePort();
	const server = start(name, ['bench/broadcast-hocuspocus.ts'], { ...process.env, HOST: '127.0.0.1', PORT: String(port) });
	await waitHttp(`http://127.0.0.1:${port}/`, server, name);
	return { name, server, withPostgres: false, config: { protocol: 'hocuspocus-lean', url: `ws://127.0.0.1:${port}/collab`, token: 'unused', docs: rooms, userId: anyone, ...load } };
}

// ---- the run -------------------------------------------------------------------------------

type Row = { name: string; result: ClientsResult; serverCpu: number; pgCpu: number | null; machineBusy: number };

const targets: Target[] = [];
for (const backend of LOUPE_ON) targets.push(await loupe(backend));
targets.splice(1, 0, await reference(), await bareHocuspocus());
// Context: the first Loupe server again, with the provider the browser runs as its clients.
targets.splice(3, 0, { ...targets[0]!, name: `${targets[0]!.name}-provider`, config: { ...targets[0]!.config, protocol: 'hocuspocus' }, seedOffset: 500 });

const slices = new Map<string, Slice[]>(targets.map((t) => [t.name, []]));
for (let r = 0; r < ROUNDS; r++) {
	const order = [...targets.slice(r % targets.length), ...targets.slice(0, r % targets.length)];
	for (const t of order) {
		console.log(`round ${r + 1}/${ROUNDS}: ${t.name}, ${SLICE_S} s…`);
		slices.get(t.name)!.push(await measure(t, 1000 + r));
	}
}

const postgresTarget = targets.find((t) => t.name === 'loupe-postgres');
const probe = postgresTarget ? await commitProbe(slices.get('loupe-postgres')![0]!.result.updateBytes) : null;
for (const server of new Set(targets.map((t) => t.server))) await stop(server);
if (dbCreated) dropDb();
dbCreated = false;
for (const d of dataDirs) fs.rmSync(d, { recursive: true, force: true });

/** The slices of one server, merged: all samples, all counts, CPU over all measured seconds. */
const rows: Row[] = targets.map((t) => {
	const xs = slices.get(t.name)!;
	const sum = (f: (s: Slice) => number) => xs.reduce((a, s) => a + f(s), 0);
	const result: ClientsResult = {
		phase: 'done',
		latencies: xs.flatMap((s) => s.result.latencies),
		sent: sum((s) => s.result.sent),
		expected: sum((s) => s.result.expected),
		delivered: sum((s) => s.result.delivered),
		merged: sum((s) => s.result.merged),
		updateBytes: sum((s) => s.result.updateBytes) / xs.length,
		loopDelayP99: Math.max(...xs.map((s) => s.result.loopDelayP99)),
		cpuS: sum((s) => s.result.cpuS),
		closes: xs.flatMap((s) => s.result.closes),
		acks: xs.flatMap((s) => s.result.acks)
	};
	return { name: t.name, result, serverCpu: sum((s) => s.serverCpuS) / SECONDS, pgCpu: t.withPostgres ? sum((s) => s.pgCpuS) / SECONDS : null, machineBusy: sum((s) => s.machineBusyS) / SECONDS };
});

/** Which server code was measured: the commit, and whether the server's sources had local changes. */
const git = (args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
const commit = git(['rev-parse', '--short', 'HEAD']) || 'unknown';
const dirty = git(['status', '--porcelain', '--', 'collab-server', 'src/lib/server', 'src/lib/shared', 'bin']) !== '';

const f = (x: number) => x.toFixed(1);
const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
const label: Record<string, string> = {
	'loupe-postgres': 'Loupe on PostgreSQL 15 (`node bin/loupe.ts serve`, DATABASE_URL)',
	'loupe-pglite': 'Loupe on embedded PGlite (`node bin/loupe.ts serve`, LOUPE_DATA_DIR only)',
	'y-websocket': 'Reference: `@y/websocket-server` 0.1.1 (no auth, no persistence)',
	'loupe-postgres-provider': 'Context: Loupe on PostgreSQL 15, `HocuspocusProvider` clients (as in the browser)',
	'loupe-pglite-provider': 'Context: Loupe on embedded PGlite, `HocuspocusProvider` clients (as in the browser)',
	hocuspocus: 'Context: Hocuspocus 4 `Server` without extensions (no auth, no persistence)'
};
const table = rows
	.map(({ name, result: r, serverCpu, pgCpu, machineBusy }) => {
		const xs = r.latencies;
		return `| ${label[name]} | ${f(percentile(xs, 50))} | ${f(percentile(xs, 95))} | ${f(percentile(xs, 99))} | ${f(percentile(xs, 100))} | ${r.delivered.toLocaleString('en')} / ${r.expected.toLocaleString('en')} | ${pct(serverCpu)} | ${pgCpu === null ? '–' : pct(pgCpu)} | ${pct(r.cpuS / SECONDS)} | ${pct(Math.max(0, machineBusy - serverCpu - (pgCpu ?? 0) - r.cpuS / SECONDS))} |`;
	})
	.join('\n');
const p99 = (name: string) => {
	const r = rows.find((x) => x.name === name);
	return r ? percentile(r.result.latencies, 99) : NaN;
};
const refP99 = p99('y-websocket');
const ratios = LOUPE_ON.map((b) => ({ b, ratio: p99(`loupe-${b}`) / refP99 }));
const main = ratios[0]!;
const others = ratios.slice(1).map(({ b, ratio }) => `; on ${b === 'pglite' ? 'PGlite' : 'PostgreSQL'}: ${ratio.toFixed(2)}× (${ratio <= 1.5 ? 'met' : 'not met'})`).join('');
const short = (name: string) => label[name]!.split(' (')[0]!.replace(/^(Reference|Context): /, '').replace(/, `HocuspocusProvider` clients$/, ' with `HocuspocusProvider`');
const merged = rows.filter((r) => r.result.merged > 0).map(({ name, result: r }) => `${short(name)} ${r.merged.toLocaleString('en')} (${((r.merged / r.delivered) * 100).toFixed(2)} %)`);
const acked = rows.filter((r) => r.result.acks.length).map(({ name, result: r }) => `${short(name)} ${f(percentile(r.acks, 50))} / ${f(percentile(r.acks, 99))} ms`);
const closes = rows.flatMap((r) => r.result.closes.map((c) => `${r.name}: ${c}`));
const bytes = rows[0]!.result.updateBytes;

const md = `## Broadcast latency: ${DOCS} documents × ${PER_DOC} clients, ${RATE} updates/s per writer, ${SECONDS} s

${new Date().toISOString().slice(0, 10)} · ${machine()} · the server under test, its database and the client process all share these 2 cores. Each document has one writer moving one of its ${MARKS_PER_DOC} marks ${RATE} times a second (${DOCS * RATE} updates/s in all) with \`MarkupDoc.put\`: a full, schema-valid \`Mark\` entry whose \`by\` and \`author\` are the connection's user, a ${bytes.toFixed(0)}-byte Yjs update on average (the schema's uuids and ISO times make the whole entry several hundred bytes; ~100 bytes is not reachable with a valid entry). Latency is from just before the writer's \`put\` to the change event on each of the other ${PER_DOC - 1} clients of that document (all ${DOCS * PER_DOC} clients, one socket each, in one Node process separate from the server, so one clock; each revision's \`updatedAt\` identifies the send time the writer recorded). Each server gets ${SECONDS} s of measured load, cut into ${ROUNDS} slices of ${SLICE_S} s taken in rotating order with all servers up at once (idle but for the one under load), so that other work on this shared machine falls on every server alike; each slice starts a fresh client process, connects and syncs all clients, creates the marks, runs ${WARMUP_S} s of unmeasured warm-up, then the ${SLICE_S} s window, and counts deliveries arriving up to 5 s after it (later ones are missing from the count). Loupe (commit ${commit}${dirty ? ' with uncommitted changes to its server code' : ''}) was set up through its CLI (\`user create\`, \`token create\`) and HTTP API (${DOCS} PNG uploads, one review room per version) and runs everything it runs per update: the markup guard, the update log (group-committed; the writer's acknowledgement waits for the commit, the broadcast to the others does not) and the projection; snapshots, which fold the log, come 2 s after a room's last change or at most every ${SNAPSHOT_AT_MOST_EVERY_MS / 1000} s while it is in continuous use, so they fall between the slices (all ${DOCS} rooms are stored as each slice's clients leave) and not inside a ${WARMUP_S + SLICE_S} s window. Every server gets the same client: one lean provider (bench/broadcast-clients.ts: y-protocols sync and awareness over one WebSocket, awareness renewed every 15 s, as the real providers do) speaking that server's protocol: Hocuspocus's, with the document-name prefix, the \`lp_\` token on \`version:<id>\` and the "saved" acknowledgements, or plain y-websocket; \`HocuspocusProvider\` does more work per message than this client, in the client process all clients share, so a context row runs Loupe with \`HocuspocusProvider\` itself, as the browser does.

| server | p50 ms | p95 ms | p99 ms | max ms | deliveries / expected | server CPU | postgres CPU | client process CPU | everything else on the machine |
|---|---|---|---|---|---|---|---|---|---|
${table}

CPU is the share of one core over the measured window (100 % = one core; the machine has ${CORES}). Postgres CPU is every postgres process on the machine (counted in the Loupe-on-PostgreSQL slices only). "Everything else" is the machine's busy time minus the three before it: other work on the machine during those slices (other people's builds and tests, idle servers), which competes for the same cores and makes the latencies noisier. The client process's event-loop delay p99 (worst slice), in table order: ${rows.map((r) => `${f(r.result.loopDelayP99)} ms`).join(', ')}.${acked.length ? ` The writer's "saved" acknowledgement (Hocuspocus's SyncStatus, from \`put\` until it arrives), p50 / p99: ${acked.join(', ')}.` : ''}${probe ? ` One commit to the update log on its own (a single-row \`collab_update\` insert, sequential, no other load): p50 ${f(percentile(probe, 50))} ms, p99 ${f(percentile(probe, 99))} ms.` : ''}${merged.length ? `\nDeliveries that arrived merged with a later revision of the same mark (Hocuspocus coalesces the updates it handles in one event-loop turn into one message, so the client sees one change; each is counted with the latency until that merged arrival): ${merged.join(', ')}.` : ''}${closes.length ? `\nConnections closed during the run: ${closes.slice(0, 5).join('; ')}${closes.length > 5 ? ` and ${closes.length - 5} more` : ''}.` : ''}

p99 ratio Loupe / reference (on ${main.b === 'pglite' ? 'PGlite' : 'PostgreSQL'}): **${main.ratio.toFixed(2)}×**. Target p99 ≤ 1.5×: **${main.ratio <= 1.5 ? 'met' : 'not met'}**${others}.
Reproduce: \`node bench/broadcast.ts\` (\`BENCH_SECONDS=60\` and \`BENCH_ROUNDS=4\` by default, \`--loupe postgres\` to skip PGlite, \`BENCH_PROFILE=1\` for a CPU profile of the server and a sample of the database's activity; needs a local PostgreSQL where \`LOUPE_BENCH_DATABASE_URL\`, default \`postgres://postgres@127.0.0.1:5432/postgres\`, may create and drop a database loupe_bench_broadcast_<pid>; \`build/\` must exist, as \`npm start\` makes it).`;
writeSection('broadcast', md);
console.log(md);
process.exit(0);
