import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { backends, member } from '../helpers/db.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { solid } from '../helpers/files.ts';
import { connect, waitFor, type Outcome } from '../helpers/collab.ts';
import { MarkupDoc } from '#lib/shared/markup-doc.ts';
import { commentEntry, markEntry, threadEntry } from '#lib/shared/markup-fixtures.ts';
import type { Actor } from '#lib/server/auth/actor.ts';

describe.each(backends)('review room on $name', (backend) => {
	let server: TestServer;
	let versionId: string;
	const people = {} as Record<'ann' | 'ben' | 'vic', { actor: Actor; token: string; id: string }>;
	const open: HocuspocusProvider[] = [];
	const room = async (who: keyof typeof people) => {
		const o: Outcome = await connect(server.wsUrl, `version:${versionId}`, people[who].token);
		open.push(o.provider);
		expect(o.result).toBe('synced');
		return { ...o, m: new MarkupDoc(o.doc) };
	};

	beforeAll(async () => {
		server = await startServer(backend);
		const s = server.services;
		const setup = await s.auth.setup({ email: 'own@example.test', name: 'Own', password: 'long enough password', workspaceName: 'Review' });
		const wsId = setup.workspace.id;
		const owner: Actor = { user: setup.user, via: { kind: 'cli' } };
		for (const [key, role, name] of [['ann', 'reviewer', 'Ann'], ['ben', 'creator', 'Ben'], ['vic', 'viewer', 'Vic']] as const) {
			const m = await member(s, wsId, role, name);
			people[key] = { actor: { user: m.user, via: { kind: 'cli' } }, token: (await s.tokens.createFor(m.user.id, { name: 't' })).token, id: m.user.id };
		}
		const { version } = await s.assets.upload(owner, wsId, {
			file: { name: 'proof.png', stream: Readable.from([await solid('png', 16, 16, '#204080')]) },
			fields: async () => ({})
		});
		versionId = version.id;
	});

	afterAll(async () => {
		for (const p of open) p.destroy();
		await server?.stop();
	});

	it('carries marks, threads, mentions and resolution between reviewers, into Postgres and the API', async () => {
		const ann = await room('ann');
		const ben = await room('ben');
		const mark = markEntry(people.ann.id, { authorName: 'Ann' });
		const thread = threadEntry(people.ann.id, { id: mark.threadId, markId: mark.id, authorName: 'Ann' });
		const first = commentEntry(people.ann.id, thread.id, '@Ben the logo needs more room', { authorName: 'Ann', mentions: [people.ben.id] });
		ann.m.write(() => {
			ann.m.stores.mark.set(mark.id, mark);
			ann.m.stores.thread.set(thread.id, thread);
			ann.m.stores.comment.set(first.id, first);
		});
		await waitFor(() => ben.m.get('comment', first.id)?.body === first.body);

		const reply = commentEntry(people.ben.id, thread.id, 'Moved it 20 px left', { authorName: 'Ben' });
		const now = new Date().toISOString();
		ben.m.write(() => {
			ben.m.stores.comment.set(reply.id, reply);
			ben.m.stores.thread.set(thread.id, { ...thread, resolved: true, resolvedBy: people.ben.id, resolvedAt: now, by: people.ben.id, updatedAt: now });
		});
		await waitFor(() => ann.m.get('thread', thread.id)?.resolved === true);

		// The projection settles shortly after the last change.
		const s = server.services;
		let counts = await s.repos.review.counts(versionId);
		const end = Date.now() + 5000;
		while (counts.threads !== 1 || counts.open !== 0) {
			if (Date.now() > end) throw new Error(`projection not there: ${JSON.stringify(counts)}`);
			await new Promise((r) => setTimeout(r, 100));
			counts = await s.repos.review.counts(versionId);
		}
		expect(counts).toEqual({ threads: 1, open: 0, marks: 1 });
		const wsOf = (await s.assets.version(people.ann.actor, versionId)).asset.workspaceId;
		const resolved = await s.repos.audit.list({ workspaceId: wsOf, types: ['thread.resolved'], limit: 5 });
		expect(resolved).toMatchObject([{ actorId: people.ben.id, subject: `thread:${versionId}:${thread.id}`, data: { threadId: thread.id } }]);
		const found = await s.repos.review.searchComments((await s.assets.version(people.ann.actor, versionId)).asset.workspaceId, 'logo');
		expect(found.map((c) => c.commentId)).toEqual([first.id]);

		const inbox = await s.review.notifications(people.ben.actor);
		expect(inbox.unread).toBe(1);
		expect(inbox.items[0]).toMatchObject({ kind: 'mention', data: { versionId, threadId: thread.id, by: 'Ann' } });
		// Ben's reply tells Ann, whose thread it is.
		const annInbox = await s.review.notifications(people.ann.actor);
		expect(annInbox.items.map((i) => i.kind)).toEqual(['reply']);
		expect(annInbox.items[0]).toMatchObject({ data: { threadId: thread.id, by: 'Ben', excerpt: 'Moved it 20 px left' } });

		const res = await fetch(`${server.url}/api/v1/versions/${versionId}/annotations`, { headers: { authorization: `Bearer ${people.vic.token}` } });
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.counts).toEqual({ threads: 1, open: 0, resolved: 1, marks: 1 });
		expect(body.threads[0].mark.box).toEqual(mark.box);
		expect(body.threads[0].comments.map((c: { body: string }) => c.body)).toEqual([first.body, reply.body]);

		const inboxHttp = await fetch(`${server.url}/api/v1/notifications?unread=true`, { headers: { authorization: `Bearer ${people.ben.token}` } });
		const items = (await inboxHttp.json()).items as { id: string }[];
		const read = await fetch(`${server.url}/api/v1/notifications/read`, {
			method: 'POST',
			headers: { authorization: `Bearer ${people.ben.token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ ids: items.map((i) => i.id) })
		});
		expect(await read.json()).toEqual({ marked: 1 });
		expect((await s.review.notifications(people.ben.actor)).unread).toBe(0);
		const bad = await fetch(`${server.url}/api/v1/notifications/read`, {
			method: 'POST',
			headers: { authorization: `Bearer ${people.ben.token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ ids: 'everything' })
		});
		expect(bad.status).toBe(400);
		expect((await bad.json()).error.code).toBe('invalid');
	});

	it("closes the socket of a client that rewrites someone else's comment; nobody sees the change", async () => {
		const ann = await room('ann');
		const c = commentEntry(people.ann.id, 'general-thread', 'Approved from my side', { authorName: 'Ann' });
		ann.m.put(threadEntry(people.ann.id, { id: 'general-thread', authorName: 'Ann' }));
		ann.m.put(c);
		const ben = await room('ben');
		await waitFor(() => !!ben.m.get('comment', c.id));
		let closedWith = '';
		// The server closes that document's connection with a reason; the socket's other documents carry on.
		ben.provider.on('close', ({ event }: { event: { reason: string } }) => (closedWith ||= event.reason));
		ben.m.put({ ...c, body: 'Rejected', by: people.ben.id });
		await waitFor(() => closedWith !== '');
		expect(closedWith).toBe('Change refused: only its author changes a comment');
		ben.provider.destroy();
		await new Promise((r) => setTimeout(r, 200));
		expect(ann.m.get('comment', c.id)?.body).toBe('Approved from my side');
		const res = await fetch(`${server.url}/api/v1/versions/${versionId}/annotations`, { headers: { authorization: `Bearer ${people.ann.token}` } });
		const all = (await res.json()).threads.flatMap((t: { comments: { body: string }[] }) => t.comments.map((x) => x.body));
		expect(all).toContain('Approved from my side');
		expect(all).not.toContain('Rejected');
	});

	it('undoes only what the person undoing did', async () => {
		const ann = await room('ann');
		const ben = await room('ben');
		const mine = markEntry(people.ann.id, { authorName: 'Ann', kind: 'ellipse' });
		ann.m.put(mine);
		ann.m.undo.stopCapturing();
		const theirs = markEntry(people.ben.id, { authorName: 'Ben', kind: 'arrow', points: [0.1, 0.1, 0.5, 0.5] });
		ben.m.put(theirs);
		await waitFor(() => !!ann.m.get('mark', theirs.id) && !!ben.m.get('mark', mine.id));
		ann.m.put({ ...mine, box: { ...mine.box, x: 0.6 }, updatedAt: new Date().toISOString() });
		await waitFor(() => ben.m.get('mark', mine.id)?.box.x === 0.6);
		ann.m.undo.undo();
		await waitFor(() => ben.m.get('mark', mine.id)?.box.x === mine.box.x);
		ann.m.undo.undo();
		await waitFor(() => !ben.m.get('mark', mine.id));
		expect(ann.m.get('mark', theirs.id)).toEqual(theirs);
		expect(ann.m.undo.canUndo()).toBe(false);
		ann.m.undo.redo();
		await waitFor(() => !!ben.m.get('mark', mine.id));
	});

	it('takes reference images re-encoded, refuses anything else with a clear error, and serves them to members only', async () => {
		const post = (token: string, name: string, type: string, bytes: Uint8Array) => {
			const form = new FormData();
			form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
			return fetch(`${server.url}/api/v1/versions/${versionId}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
		};
		const png = await solid('png', 3000, 1500, '#ff8800');
		const ok = await post(people.ann.token, 'reference.png', 'image/png', png);
		expect(ok.status).toBe(201);
		const att = (await ok.json()) as { id: string; url: string; width: number; height: number };
		expect([att.width, att.height]).toEqual([2048, 1024]);
		const got = await fetch(`${server.url}${att.url}`, { headers: { authorization: `Bearer ${people.vic.token}` } });
		expect(got.status).toBe(200);
		expect(got.headers.get('content-type')).toBe('image/webp');
		expect(got.headers.get('content-security-policy')).toContain('sandbox');

		const refusals: [Response, number, string][] = [
			[await post(people.ann.token, 'logo.svg', 'image/svg+xml', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')), 415, 'unsupported_media_type'],
			[await post(people.ann.token, 'doc.png', 'image/png', new TextEncoder().encode('%PDF-1.4 not an image at all')), 415, 'unsupported_media_type'],
			[await post(people.ann.token, 'broken.png', 'image/png', png.subarray(0, 200)), 415, 'unsupported_media_type'],
			[await post(people.ann.token, 'huge.png', 'image/png', new Uint8Array(9 * 1024 * 1024)), 413, 'too_large'],
			[await post(people.vic.token, 'viewer.png', 'image/png', png), 403, 'forbidden']
		];
		for (const [res, status, code] of refusals) {
			expect(res.status).toBe(status);
			expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
		}
		const s = server.services;
		const outsider = await s.auth.createUser({ email: 'peek@example.test', name: 'Peek', password: 'long enough password' });
		const token = (await s.tokens.createFor(outsider.id, { name: 't' })).token;
		expect((await fetch(`${server.url}${att.url}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
	});

	it('refuses annotations to people outside the workspace', async () => {
		const s = server.services;
		const outsider = await s.auth.createUser({ email: 'far@example.test', name: 'Far', password: 'long enough password' });
		const token = (await s.tokens.createFor(outsider.id, { name: 't' })).token;
		const res = await fetch(`${server.url}/api/v1/versions/${versionId}/annotations`, { headers: { authorization: `Bearer ${token}` } });
		expect(res.status).toBe(404);
	});
});
