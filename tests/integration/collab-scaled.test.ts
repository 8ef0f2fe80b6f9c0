// Scaled mode: a web process and a separate collab process on one Postgres, joined by
// Redis. People connected to different processes edit the same review room live, a role
// changed on one process reaches connections on the other, and what both wrote is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import * as Y from 'yjs';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { backends, member, postgresUrl, redisUrl } from '../helpers/db.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { connect, waitFor } from '../helpers/collab.ts';
import { solid } from '../helpers/files.ts';
import { loadConfig } from '#lib/server/config.ts';
import { serveCollab } from '#bin/serve.ts';
import { MarkupDoc } from '#lib/shared/markup-doc.ts';
import { markEntry } from '#lib/shared/markup-fixtures.ts';
import { readAnnotations } from '#lib/shared/markup.ts';
import type { Actor } from '#lib/server/auth/actor.ts';

const postgres = backends.find((b) => b.name === 'postgres');

describe.skipIf(!postgres || !redisUrl || !postgresUrl)('scaled mode: web and collab processes joined by Redis', () => {
	let web: TestServer;
	let collab: Awaited<ReturnType<typeof serveCollab>>;
	let collabDir: string;
	let wsId: string;
	let versionId: string;
	let owner: Actor;
	const people = {} as Record<'ann' | 'ben', { id: string; token: string }>;
	const open: HocuspocusProvider[] = [];
	const prefix = `loupe-test-${randomUUID().slice(0, 8)}`;

	beforeAll(async () => {
		web = await startServer(postgres!, { env: { REDIS_URL: redisUrl!, LOUPE_REDIS_PREFIX: prefix } });
		collabDir = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-collab-'));
		collab = await serveCollab(loadConfig({ PORT: '0', LOUPE_DATA_DIR: collabDir, LOUPE_LOG: 'error', DATABASE_URL: web.databaseUrl, REDIS_URL: redisUrl, LOUPE_REDIS_PREFIX: prefix }));
		const s = web.services;
		const setup = await s.auth.setup({ email: 'own@example.test', name: 'Own', password: 'long enough password', workspaceName: 'Scaled' });
		wsId = setup.workspace.id;
		owner = { user: setup.user, via: { kind: 'cli' } };
		for (const key of ['ann', 'ben'] as const) {
			const m = await member(s, wsId, 'reviewer', key);
			people[key] = { id: m.user.id, token: (await s.tokens.createFor(m.user.id, { name: 't' })).token };
		}
		const { version } = await s.assets.upload(owner, wsId, { file: { name: 'p.png', stream: Readable.from([await solid('png', 8, 8, '#345')]) }, fields: async () => ({}) });
		versionId = version.id;
	});

	afterAll(async () => {
		for (const p of open) p.destroy();
		await collab?.close();
		await web?.stop();
		await fs.rm(collabDir, { recursive: true, force: true });
	});

	const join = async (who: 'ann' | 'ben', url: string) => {
		const o = await connect(url, `version:${versionId}`, people[who].token);
		open.push(o.provider);
		expect(o.result).toBe('synced');
		return { ...o, m: new MarkupDoc(o.doc) };
	};
	const collabUrl = () => `ws://127.0.0.1:${collab.port}/collab`;

	it('carries edits between people on different processes, and stores what both wrote', async () => {
		const ann = await join('ann', web.wsUrl);
		const ben = await join('ben', collabUrl());
		const a = markEntry(people.ann.id, { authorName: 'Ann' });
		const b = markEntry(people.ben.id, { authorName: 'Ben', kind: 'ellipse' });
		ann.m.put(a);
		ben.m.put(b);
		await waitFor(() => !!ben.m.get('mark', a.id) && !!ann.m.get('mark', b.id), 5000);

		ann.provider.destroy();
		ben.provider.destroy();
		// Both processes unload the room and store it; what each logged stays until a snapshot
		// holds it, so snapshot and log together always have everything.
		let stored: ReturnType<typeof readAnnotations> = { marks: [], threads: [], comments: [] };
		const end = Date.now() + 10_000;
		while (Date.now() < end && stored.marks.length < 2) {
			await new Promise((r) => setTimeout(r, 300));
			const { state, updates } = await web.services.collabDocs.load(`version:${versionId}`);
			if (!state) continue;
			const doc = new Y.Doc();
			Y.applyUpdate(doc, state);
			for (const u of updates) Y.applyUpdate(doc, u.update);
			stored = readAnnotations(doc);
		}
		expect(stored.marks.map((m) => m.id).sort()).toEqual([a.id, b.id].sort());
	});

	it('applies a role change made on the web process to connections on the collab process within 5 seconds', async () => {
		const ann = await join('ann', web.wsUrl);
		const ben = await join('ben', collabUrl());
		await web.services.workspaces.changeRole(owner, wsId, people.ben.id, { role: 'viewer' });
		// Give the event its way through Redis, then try to write as a viewer.
		const started = Date.now();
		let refused = false;
		while (!refused && Date.now() - started < 5000) {
			const probe = markEntry(people.ben.id, { authorName: 'Ben' });
			ben.m.put(probe);
			await new Promise((r) => setTimeout(r, 300));
			refused = !ann.m.get('mark', probe.id);
		}
		expect(refused).toBe(true);

		let closed = false;
		ben.provider.on('close', () => (closed = true));
		ben.provider.on('authenticationFailed', () => (closed = true));
		await web.services.workspaces.removeMember(owner, wsId, people.ben.id);
		await waitFor(() => closed, 5000);
	});
});
