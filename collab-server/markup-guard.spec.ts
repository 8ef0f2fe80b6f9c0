import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MarkupDoc } from '#lib/shared/markup-doc.ts';
import { commentEntry, markEntry, threadEntry } from '#lib/shared/markup-fixtures.ts';
import { checkUpdate } from './markup-guard.ts';
import { RefusedChange } from './refused.ts';

const alice = '11111111-1111-4111-8111-111111111111';
const bob = '22222222-2222-4222-8222-222222222222';

/** A server document and clients whose every change goes through the guard, as over /collab. */
function room() {
	const server = new Y.Doc();
	const client = (userId: string) => {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
		const m = new MarkupDoc(doc);
		const outbox: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'server' && outbox.push(u));
		/** Sends what the client changed; throws RefusedChange as the server would close the socket. */
		const send = () => {
			for (const u of outbox.splice(0)) {
				checkUpdate(server, u, userId);
				Y.applyUpdate(server, u, 'client');
			}
		};
		const pull = () => Y.applyUpdate(doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc)), 'server');
		return { doc, m, send, pull };
	};
	return { server, client };
}

describe('markup guard', () => {
	it('accepts marks, threads and comments written by their authors, and moves of one own marks', () => {
		const r = room();
		const a = r.client(alice);
		const mark = markEntry(alice);
		const thread = threadEntry(alice, { markId: mark.id, id: mark.threadId });
		a.m.write(() => {
			a.m.stores.mark.set(mark.id, mark);
			a.m.stores.thread.set(thread.id, thread);
			a.m.stores.comment.set('c-000001', commentEntry(alice, thread.id, 'Logo too small', { id: 'c-000001' }));
		});
		a.send();
		for (let i = 0; i < 50; i++) a.m.put({ ...mark, box: { ...mark.box, x: i / 100 } });
		a.send();
		a.m.remove('comment', 'c-000001');
		a.send();
		const b = r.client(bob);
		expect(b.m.get('mark', mark.id)?.box.x).toBe(0.49);
		expect(b.m.get('comment', 'c-000001')).toBeUndefined();
	});

	it("lets others resolve and reopen a thread, and nothing else of someone's work", () => {
		const r = room();
		const a = r.client(alice);
		const mark = markEntry(alice);
		const thread = threadEntry(alice, { markId: mark.id, id: mark.threadId });
		const comment = commentEntry(alice, thread.id, 'Check the kerning');
		a.m.write(() => {
			a.m.stores.mark.set(mark.id, mark);
			a.m.stores.thread.set(thread.id, thread);
			a.m.stores.comment.set(comment.id, comment);
		});
		a.send();

		const attempt = (fn: (b: ReturnType<typeof r.client>) => void) => {
			const b = r.client(bob);
			fn(b);
			return () => b.send();
		};
		const now = new Date().toISOString();
		// Resolving someone else's thread is what reviewers do.
		attempt((b) => b.m.put({ ...thread, resolved: true, resolvedBy: bob, resolvedAt: now, by: bob, updatedAt: now }))();
		// So is answering a note carried over from the last version: addressed or not.
		attempt((b) => b.m.put({ ...thread, resolved: true, resolvedBy: bob, resolvedAt: now, addressed: true, addressedBy: bob, addressedAt: now, by: bob, updatedAt: now }))();

		const refused: [RegExp, () => void][] = [
			[/only its author changes a mark/, attempt((b) => b.m.put({ ...mark, box: { ...mark.box, x: 0.9 }, by: bob }))],
			[/entries must name their writer/, attempt((b) => b.m.put({ ...mark, box: { ...mark.box, x: 0.9 } }))],
			[/only its author removes a mark/, attempt((b) => b.m.remove('mark', mark.id))],
			[/only its author changes a comment/, attempt((b) => b.m.put({ ...comment, body: 'I never said that', by: bob }))],
			[/only its author removes a comment/, attempt((b) => b.m.remove('comment', comment.id))],
			[/only resolve, reopen or mark addressed/, attempt((b) => b.m.put({ ...thread, page: 3, by: bob }))],
			[/a new entry is authored by its writer/, attempt((b) => b.m.put(commentEntry(alice, thread.id, 'forged', { by: bob })))],
			[/entries must name their writer/, attempt((b) => b.m.put(commentEntry(alice, thread.id, 'forged')))],
			[/malformed entry/, attempt((b) => b.m.put({ ...commentEntry(bob, thread.id, 'x'), body: 'y'.repeat(20_000) }))],
			[/malformed entry/, attempt((b) => b.m.put({ ...markEntry(bob), kind: 'star' } as never))],
			[/unknown fields in a mark/, attempt((b) => b.m.put({ ...markEntry(bob), stash: 'x'.repeat(100_000) } as never))],
			[/unknown fields in a comment/, attempt((b) => b.doc.getArray('comments').push([{ key: 'c-000009', val: commentEntry(bob, thread.id, 'hi', { id: 'c-000009' }), stash: 'x'.repeat(1000) }]))],
			[/only plain entries/, attempt((b) => b.doc.getMap('other').set('k', 1))],
			[/does not belong in marks/, attempt((b) => b.doc.getArray('marks').push([{ key: 'k-000001', val: commentEntry(bob, thread.id, 'wrong place', { id: 'k-000001' }) }]))],
			[/malformed entry/, attempt((b) => b.doc.getArray('marks').push([{ key: 'k-000002', val: markEntry(bob, { id: 'k-000003' }) }]))],
		];
		for (const [reason, send] of refused) expect(send).toThrow(reason);

		const check = r.client(alice);
		expect(check.m.get('thread', thread.id)).toMatchObject({ resolved: true, addressed: true, addressedBy: bob });
		expect(check.m.get('mark', mark.id)).toEqual(mark);
		expect(check.m.get('comment', comment.id)).toEqual(comment);
		expect(check.doc.getMap('other').size).toBe(0);
	});

	it("accepts someone else's entries that a client sends again, as a device merging its offline copy does", () => {
		const r = room();
		const a = r.client(alice);
		const mark = markEntry(alice);
		a.m.put(mark);
		const sent = Y.encodeStateAsUpdate(a.doc);
		a.send();
		// Bob's device received Alice's mark earlier and replays it from its local store.
		expect(() => checkUpdate(r.server, sent, bob)).not.toThrow();
		// A new entry in the same update is still checked.
		const forged = new Y.Doc();
		Y.applyUpdate(forged, sent);
		new MarkupDoc(forged).put(markEntry(alice));
		expect(() => checkUpdate(r.server, Y.encodeStateAsUpdate(forged), bob)).toThrow(/a new entry is authored by its writer|entries must name their writer/);
	});

	it('lets several clients edit at once, with key-value clean-up by anyone', () => {
		const r = room();
		const a = r.client(alice);
		const b = r.client(bob);
		const ma = markEntry(alice);
		const mb = markEntry(bob);
		a.m.put(ma);
		b.m.put(mb);
		a.send();
		b.send();
		a.pull();
		b.pull();
		a.m.put({ ...ma, box: { ...ma.box, y: 0.5 } });
		b.m.put({ ...mb, box: { ...mb.box, y: 0.6 } });
		b.send();
		a.send();
		a.pull();
		b.pull();
		a.send();
		b.send();
		expect(a.m.all('mark').map((m) => m.box.y).sort()).toEqual([0.5, 0.6]);
		expect(b.m.all('mark').map((m) => m.box.y).sort()).toEqual([0.5, 0.6]);
	});
});
