// Review-room document size: 1,000 marks on one page moved 100,000 times, in Loupe's layout
// (MarkupDoc: YKeyValue arrays, an UndoManager attached) against y-utility's YKeyValue on its
// own and, for context, a Y.Map keyed by mark id. Same values, same order, one run.
//   node bench/markup-size.ts [--marks 1000] [--moves 100000]
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { YKeyValue } from 'y-utility/y-keyvalue';
import { MarkupDoc } from '#lib/shared/markup-doc.ts';
import { markSchema, type Mark } from '#lib/shared/markup.ts';
import { moved, mulberry32, rectMark } from './marks.ts';
import { machine, writeSection } from './results.ts';

const { values } = parseArgs({ options: { marks: { type: 'string', default: '1000' }, moves: { type: 'string', default: '100000' } } });
const MARKS = Number(values.marks);
const MOVES = Number(values.moves);

const USER = '6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const T0 = Date.parse('2026-11-27T09:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The whole sequence of writes, made once from a fixed seed: MARKS creations, then MOVES moves
 * of a random mark to a new x/y with a later updatedAt, the full entry each time.
 */
function makeWrites(): Mark[] {
	const rnd = mulberry32(42);
	const current = Array.from({ length: MARKS }, (_, i) => rectMark(rnd, USER, iso(T0 + i * 1000)));
	const writes = [...current];
	for (let i = 0; i < MOVES; i++) {
		const k = Math.floor(rnd() * MARKS);
		current[k] = moved(current[k]!, rnd, USER, iso(T0 + (MARKS + i) * 250));
		writes.push(current[k]!);
	}
	markSchema.parse(writes.at(-1));
	return writes;
}

const writes = makeWrites();
const size = (doc: Y.Doc) => Y.encodeStateAsUpdate(doc).byteLength;
const time = (fn: () => void) => {
	const t = performance.now();
	fn();
	return performance.now() - t;
};

// (a) Loupe: MarkupDoc.put, exactly as the review room writes. The server's copy only ever
// sees the updates (what Hocuspocus applies and stores), so it has no UndoManager keeping
// deleted values alive.
const writer = new Y.Doc();
const markup = new MarkupDoc(writer);
const server = new Y.Doc();
writer.on('update', (u: Uint8Array) => Y.applyUpdate(server, u));
const aMs = time(() => {
	for (const m of writes) markup.put(m);
});
const aWriter = size(writer);
const aServer = size(server);
const aUndoSteps = markup.undo.undoStack.length;
// Clearing the history releases the kept values, but nothing collects them until the document
// is rebuilt from its own state (a reload), so the writer's doc stays large for the session.
markup.undo.clear();
const aWriterCleared = size(writer);
const reloaded = new Y.Doc();
Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(writer));
const aReloaded = size(reloaded);

// (b) The reference: YKeyValue over one Y.Array, no UndoManager.
const bDoc = new Y.Doc();
const kv = new YKeyValue<Mark>(bDoc.getArray('marks'));
const bMs = time(() => {
	for (const m of writes) kv.set(m.id, m);
});
const bSize = size(bDoc);

// (c) Context: a Y.Map keyed by mark id.
const cDoc = new Y.Doc();
const map = cDoc.getMap<Mark>('marks');
const cMs = time(() => {
	for (const m of writes) map.set(m.id, m);
});
const cSize = size(cDoc);

// The three must end up holding the same marks, or the comparison means nothing.
const live = new Map(writes.map((m) => [m.id, m]));
const same = (got: Iterable<[string, Mark]>) => [...got].every(([k, v]) => JSON.stringify(live.get(k)) === JSON.stringify(v));
const serverKv = new YKeyValue<Mark>(server.getArray('marks'));
if (serverKv.map.size !== MARKS || kv.map.size !== MARKS || map.size !== MARKS) throw new Error('a layout lost marks');
if (!same([...serverKv.map.values()].map((e) => [e.key, e.val])) || !same([...kv.map.values()].map((e) => [e.key, e.val])) || !same(map.entries())) throw new Error('a layout holds different values');

const liveJson = JSON.stringify([...live.values()]).length;
const kib = (n: number) => `${(n / 1024).toLocaleString('en', { maximumFractionDigits: 1 })} KiB`;
const per = (n: number) => (n / MARKS).toFixed(0);
const ratio = aServer / bSize;
const md = `## Markup document size: ${MARKS.toLocaleString('en')} marks, ${MOVES.toLocaleString('en')} moves

${new Date().toISOString().slice(0, 10)} · ${machine()} · ${MARKS.toLocaleString('en')} rect marks on page 1 (full schema-valid \`Mark\` entries, ${(liveJson / MARKS).toFixed(0)} bytes of JSON each), then ${MOVES.toLocaleString('en')} moves of a random mark to a new x/y with a new \`updatedAt\`, the same seeded sequence for every layout. Size is \`Y.encodeStateAsUpdate(doc).byteLength\` after the last write; the live marks alone are ${kib(liveJson)} as JSON.

| layout | bytes | size | bytes / mark | write time |
|---|---|---|---|---|
| (a) Loupe \`MarkupDoc.put\`, server-side copy (a fresh Y.Doc applying each transaction's update: what the server stores) | ${aServer} | ${kib(aServer)} | ${per(aServer)} | ${aMs.toFixed(0)} ms (both docs) |
| (a) Loupe \`MarkupDoc.put\`, the writer's own doc (UndoManager attached) | ${aWriter} | ${kib(aWriter)} | ${per(aWriter)} | |
| (a) the writer's doc after \`undo.clear()\` | ${aWriterCleared} | ${kib(aWriterCleared)} | ${per(aWriterCleared)} | |
| (a) the writer's doc rebuilt from its own state (a reload) | ${aReloaded} | ${kib(aReloaded)} | ${per(aReloaded)} | |
| (b) reference: y-utility \`YKeyValue\` over a Y.Array, no UndoManager | ${bSize} | ${kib(bSize)} | ${per(bSize)} | ${bMs.toFixed(0)} ms |
| (c) context: Y.Map keyed by mark id | ${cSize} | ${kib(cSize)} | ${per(cSize)} | ${cMs.toFixed(0)} ms |

Ratio (a, server-side copy) / (b): **${ratio.toFixed(3)}×**. Target ≤ 1.2×: **${ratio <= 1.2 ? 'met' : 'not met'}**. Y.Map / (b): ${(cSize / bSize).toFixed(1)}×.
${aWriter > aServer * 1.2 ? `Note: the writer's own document is ${(aWriter / aServer).toFixed(1)}× the server's copy. Its UndoManager keeps every value its history deleted (here ${aUndoSteps} undo step${aUndoSteps === 1 ? '' : 's'}, as the tight loop falls inside one 400 ms capture window; one step per move keeps exactly as much), so the overwritten entries are not garbage-collected and the array's deleted items cannot merge; \`undo.clear()\` does not shrink the document either, only a reload does. This is memory in the writer's tab for the session, not what the server stores or sends to others.` : `The writer's own document (UndoManager attached) is ${(aWriter / aServer).toFixed(2)}× the server's copy.`}
Reproduce: \`node bench/markup-size.ts\`.`;
writeSection('markup-size', md);
console.log(md);
