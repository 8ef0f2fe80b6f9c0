// The client side of bench/broadcast.ts, in its own process so that the server under test
// does not share an event loop with the clients. Started by broadcast.ts with fork(); reads
// its job from BENCH_CONFIG and answers over the IPC channel:
//   { phase: 'load' } when the measured window starts, { phase: 'done', ... } with the samples.
// One Y.Doc, MarkupDoc and socket per client; client 0 of each document writes, the others
// only receive. All clients share this process's clock, so a delivery's latency is simply
// now - the writer's send time.
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { HocuspocusProvider, MessageType } from '@hocuspocus/provider';
import { readAuthMessage, writeAuthentication } from '@hocuspocus/common';
import { MarkupDoc } from '#lib/shared/markup-doc.ts';
import type { Mark } from '#lib/shared/markup.ts';
import { moved, mulberry32, rectMark } from './marks.ts';

export type ClientsConfig = {
	/**
	 * hocuspocus: HocuspocusProvider on Loupe's /collab (what the browser runs); hocuspocus-lean:
	 * the same protocol from the lean client below; y-websocket: the plain y-websocket
	 * protocol from the same lean client, one URL per document.
	 */
	protocol: 'hocuspocus' | 'hocuspocus-lean' | 'y-websocket';
	url: string;
	token?: string;
	docs: string[];
	clientsPerDoc: number;
	/** Updates per second per writer. */
	rate: number;
	warmupS: number;
	seconds: number;
	/** `by` and `author` of every entry: the connection's own user, as the server requires. */
	userId: string;
	marksPerDoc: number;
	/** Seeds the marks and moves; broadcast.ts gives each slice its own. */
	seed: number;
};

export type ClientsResult = {
	phase: 'done';
	latencies: number[];
	sent: number;
	expected: number;
	delivered: number;
	/**
	 * Deliveries that arrived merged with a later revision of the same mark (one change event
	 * for both; Hocuspocus coalesces updates handled in one event-loop turn). Each still counts,
	 * with the latency until that merged arrival.
	 */
	merged: number;
	updateBytes: number;
	loopDelayP99: number;
	cpuS: number;
	closes: string[];
	/** Hocuspocus only: from the writer's put to the server's "saved" (SyncStatus) for it. */
	acks: number[];
};

/** `onAck` (Hocuspocus only) is called once per acknowledged update, in order. */
type Conn = { close(): void; onAck?: (fn: () => void) => void };

const cfg = JSON.parse(process.env.BENCH_CONFIG ?? '') as ClientsConfig;
/** Sent with the token, as the provider does (its package does not export its package.json). */
const hocuspocusVersion = (JSON.parse(fs.readFileSync(new URL('../node_modules/@hocuspocus/provider/package.json', import.meta.url), 'utf8')) as { version: string }).version;
const closes: string[] = [];

/** Loupe's client: HocuspocusProvider with an API token; resolves once the first sync is done. */
function hocuspocus(doc: Y.Doc, name: string): Promise<Conn> {
	return new Promise((resolve, reject) => {
		const provider = new HocuspocusProvider({
			url: cfg.url,
			name,
			token: cfg.token!,
			document: doc,
			onAuthenticationFailed: ({ reason }) => reject(new Error(`${name}: authentication failed: ${reason}`)),
			onSynced: ({ state }) =>
				state &&
				resolve({
					close: () => provider.destroy(),
					// The provider counts updates sent and not yet acknowledged; each step down is one ack.
					onAck: (fn) => {
						let before = provider.unsyncedChanges;
						provider.on('unsyncedChanges', ({ number }: { number: number }) => {
							for (let i = number; i < before; i++) fn();
							before = number;
						});
					}
				}),
			// A refused change (the markup guard) closes the socket; the run is then invalid.
			onClose: ({ event }) => {
				if (!stopping) closes.push(`${name}: ${event.code} ${event.reason}`);
			}
		});
	});
}

// y-websocket's message types are Hocuspocus's first two (Sync 0, Awareness 1).
const SYNC_STEP_2 = 1;

/**
 * A provider reduced to what the servers need, the same code for both protocols so that the
 * two servers get the same client-side work: sync step 1 on open, answer the server's sync
 * messages, send local updates, and awareness like the real providers (the local state on
 * open and on every local change, renewed every 15 s, so both servers see presence traffic).
 * y-websocket messages are `varuint type` + payload, as in @y/websocket-server's utils.js;
 * Hocuspocus prefixes each with the document name and adds the token message before sync
 * and the "saved" acknowledgement (SyncStatus), as @hocuspocus/provider does.
 */
function lean(doc: Y.Doc, name: string): Promise<Conn> {
	const hocuspocus = cfg.protocol === 'hocuspocus-lean';
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(hocuspocus ? cfg.url : `${cfg.url}/${name}`);
		ws.binaryType = 'arraybuffer';
		const awareness = new awarenessProtocol.Awareness(doc);
		let acked = () => {};
		const send = (type: number, write: (e: encoding.Encoder) => void) => {
			const e = encoding.createEncoder();
			if (hocuspocus) encoding.writeVarString(e, name);
			encoding.writeVarUint(e, type);
			write(e);
			if (ws.readyState === WebSocket.OPEN) ws.send(encoding.toUint8Array(e));
		};
		const sendAwareness = (clients: number[]) => send(MessageType.Awareness, (e) => encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients)));
		const sendToken = () =>
			send(MessageType.Auth, (e) => {
				writeAuthentication(e, cfg.token!);
				encoding.writeVarString(e, hocuspocusVersion);
			});
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin !== ws) send(MessageType.Sync, (e) => syncProtocol.writeUpdate(e, update));
		});
		awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
			if (origin === 'local') sendAwareness([...added, ...updated, ...removed]);
		});
		ws.onopen = () => {
			if (hocuspocus) sendToken();
			send(MessageType.Sync, (e) => syncProtocol.writeSyncStep1(e, doc));
			sendAwareness([doc.clientID]);
		};
		ws.onmessage = (ev) => {
			const bytes = new Uint8Array(ev.data as ArrayBuffer);
			if (hocuspocus && bytes.length === 1 && bytes[0] === MessageType.Ping) return ws.send(Uint8Array.of(MessageType.Pong));
			const d = decoding.createDecoder(bytes);
			if (hocuspocus) decoding.readVarString(d);
			const type = decoding.readVarUint(d);
			if (type === MessageType.Sync) {
				const reply = encoding.createEncoder();
				if (hocuspocus) encoding.writeVarString(reply, name);
				encoding.writeVarUint(reply, MessageType.Sync);
				const before = encoding.length(reply);
				const got = syncProtocol.readSyncMessage(d, reply, doc, ws);
				if (encoding.length(reply) > before) ws.send(encoding.toUint8Array(reply));
				if (got === SYNC_STEP_2)
					resolve({
						close: () => (awareness.destroy(), ws.close()),
						onAck: (fn) => (acked = fn)
					});
			} else if (type === MessageType.Awareness) {
				awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(d), ws);
			} else if (type === MessageType.SyncStatus) {
				if (decoding.readVarInt(d) === 1) acked();
			} else if (type === MessageType.Auth) {
				readAuthMessage(d, sendToken, (reason) => reject(new Error(`${name}: authentication failed: ${reason}`)), () => {});
			} else if (type === MessageType.QueryAwareness) {
				sendAwareness([...awareness.getStates().keys()]);
			} else if (type === MessageType.CLOSE) {
				if (!stopping) closes.push(`${name}: closed by the server: ${decoding.readVarString(d)}`);
			}
		};
		ws.onerror = () => reject(new Error(`${name}: websocket error`));
		ws.onclose = (ev) => {
			if (!stopping) closes.push(`${name}: ${ev.code} ${ev.reason}`);
		};
	});
}

const connect = cfg.protocol === 'hocuspocus' ? hocuspocus : lean;
let stopping = false;

/** `next`: per mark, the index of the first revision this client has not received yet. */
type Client = { doc: Y.Doc; markup: MarkupDoc; conn: Conn; next: Map<string, number> };
type Sent = { updatedAt: string; at: number };
/** `revisions`: per mark, every revision its writer sent, in order, with the send time. */
const rooms: { name: string; clients: Client[]; revisions: Map<string, Sent[]>; marks: Mark[]; unacked: number[] }[] = [];

// One document at a time: 200 simultaneous handshakes would only measure a connection storm.
for (const name of cfg.docs) {
	const clients = await Promise.all(
		Array.from({ length: cfg.clientsPerDoc }, async () => {
			const doc = new Y.Doc();
			const markup = new MarkupDoc(doc);
			const conn = await connect(doc, name);
			return { doc, markup, conn, next: new Map<string, number>() };
		})
	);
	rooms.push({ name, clients, revisions: new Map(), marks: [], unacked: [] });
}

/** After the window, what is still in flight gets this long to arrive before the count. */
const GRACE_MS = 5000;
let loadStart = Infinity;
let loadEnd = Infinity;
let sentInWindow = 0;
let delivered = 0;
let merged = 0;
const acks: number[] = [];
const latencies: number[] = [];
let updateBytes = 0;
let updates = 0;

// Receivers observe through MarkupDoc, as the review room does. The revision that arrived is
// found by its updatedAt (unique per revision); it and any earlier revisions of that mark the
// client had not seen yet (merged into the same update) arrived now.
for (const room of rooms) {
	room.clients[0]!.doc.on('update', (u: Uint8Array) => {
		const now = performance.now();
		if (now < loadStart || now >= loadEnd) return;
		updateBytes += u.byteLength;
		updates++;
	});
	// Acknowledgements come back in send order, so a queue of send times pairs them up.
	room.clients[0]!.conn.onAck?.(() => {
		const at = room.unacked.shift();
		if (at !== undefined && at >= loadStart && at < loadEnd) acks.push(performance.now() - at);
	});
	for (const c of room.clients.slice(1)) {
		c.markup.observe((changes, local) => {
			if (local) return;
			const now = performance.now();
			for (const ch of changes) {
				if (ch.type !== 'mark' || ch.action === 'delete') continue;
				const m = c.markup.get('mark', ch.key);
				const revs = m && room.revisions.get(m.id);
				if (!m || !revs) continue;
				const from = c.next.get(m.id) ?? 0;
				let to = from;
				while (to < revs.length && revs[to]!.updatedAt !== m.updatedAt) to++;
				if (to === revs.length) continue;
				for (let i = from; i <= to; i++) {
					const at = revs[i]!.at;
					if (at < loadStart || at >= loadEnd) continue;
					delivered++;
					if (i < to) merged++;
					latencies.push(now - at);
				}
				c.next.set(m.id, to + 1);
			}
		});
	}
}

const rnd = mulberry32(cfg.seed);
let lastAt = 0;
/** A strictly increasing wall-clock ISO time, so that each revision's updatedAt is unique. */
const stamp = () => new Date((lastAt = Math.max(Date.now(), lastAt + 1))).toISOString();

// Each writer creates its marks before the clock starts (not measured).
for (const room of rooms) {
	for (let i = 0; i < cfg.marksPerDoc; i++) {
		const m = rectMark(rnd, cfg.userId, stamp());
		room.marks.push(m);
		room.revisions.set(m.id, [{ updatedAt: m.updatedAt, at: performance.now() }]);
		room.unacked.push(performance.now());
		room.clients[0]!.markup.put(m);
	}
}
await new Promise((r) => setTimeout(r, 1000));

// The writers start now; samples count from the end of the warm-up (JIT, pools, caches).
const loop = monitorEventLoopDelay({ resolution: 5 });
let cpu0 = process.cpuUsage();
loadStart = performance.now() + cfg.warmupS * 1000;
loadEnd = loadStart + cfg.seconds * 1000;
setTimeout(() => {
	loop.enable();
	cpu0 = process.cpuUsage();
	process.send!({ phase: 'load' });
}, cfg.warmupS * 1000);

// One interval per writer, their starts spread over the period so the load is even.
const period = 1000 / cfg.rate;
const timers: NodeJS.Timeout[] = [];
rooms.forEach((room, d) => {
	const writer = room.clients[0]!;
	timers.push(
		setTimeout(() => {
			const tick = () => {
				const k = Math.floor(rnd() * room.marks.length);
				const m = moved(room.marks[k]!, rnd, cfg.userId, stamp());
				room.marks[k] = m;
				const at = performance.now();
				room.revisions.get(m.id)!.push({ updatedAt: m.updatedAt, at });
				room.unacked.push(at);
				if (at >= loadStart && at < loadEnd) sentInWindow++;
				writer.markup.put(m);
			};
			tick();
			timers.push(setInterval(tick, period));
		}, (d * period) / rooms.length)
	);
});

await new Promise((r) => setTimeout(r, loadEnd - performance.now()));
timers.forEach((t) => clearTimeout(t));
process.send!({ phase: 'load-end' });
loop.disable();
const cpu = process.cpuUsage(cpu0);
await new Promise((r) => setTimeout(r, GRACE_MS));
stopping = true;
for (const room of rooms) for (const c of room.clients) c.conn.close();

const result: ClientsResult = {
	phase: 'done',
	latencies,
	sent: sentInWindow,
	expected: sentInWindow * (cfg.clientsPerDoc - 1),
	delivered,
	merged,
	updateBytes: updates ? updateBytes / updates : 0,
	loopDelayP99: loop.percentile(99) / 1e6,
	cpuS: (cpu.user + cpu.system) / 1e6,
	closes,
	acks
};
process.send!(result, () => process.exit(0));
