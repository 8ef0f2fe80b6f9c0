import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import * as Y from 'yjs';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { backends, member } from '../helpers/db.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { solid } from '../helpers/files.ts';
import { connect, waitFor, type Outcome } from '../helpers/collab.ts';
import type { Role } from '#lib/shared/roles.ts';

describe.each(backends)('collab endpoint /collab on $name', (backend) => {
	let server: TestServer;
	let wsId: string;
	let otherWsId: string;
	const tokens = {} as Record<Role | 'outsider', string>;
	const open: HocuspocusProvider[] = [];
	const track = (o: Outcome) => (open.push(o.provider), o);

	beforeAll(async () => {
		server = await startServer(backend);
		const s = server.services;
		const setup = await s.auth.setup({ email: 'own@example.test', name: 'Own', password: 'long enough password', workspaceName: 'Collab' });
		wsId = setup.workspace.id;
		tokens.admin = (await s.tokens.createFor(setup.user.id, { name: 't' })).token;
		for (const role of ['reviewer', 'viewer'] as const) tokens[role] = (await s.tokens.createFor((await member(s, wsId, role)).user.id, { name: 't' })).token;
		const outsider = await s.auth.createUser({ email: 'out@example.test', name: 'Out', password: 'long enough password' });
		otherWsId = (await s.workspaces.create({ user: outsider, via: { kind: 'cli' } }, { name: 'Elsewhere' })).id;
		tokens.outsider = (await s.tokens.createFor(outsider.id, { name: 't' })).token;
	});
	afterAll(async () => {
		for (const p of open) p.destroy();
		await server?.stop();
	});

	it('lets two members edit the same document and converge', async () => {
		const name = `sandbox:${wsId}`;
		const a = track(await connect(server.wsUrl, name, tokens.admin));
		const b = track(await connect(server.wsUrl, name, tokens.reviewer));
		expect([a.result, b.result]).toEqual(['synced', 'synced']);
		expect(a.scope).toBe('read-write');
		a.doc.getMap('notes').set('from-a', 'hello');
		b.doc.getMap('notes').set('from-b', 'world');
		await waitFor(() => a.doc.getMap('notes').size === 2 && b.doc.getMap('notes').size === 2);
		expect(b.doc.getMap('notes').toJSON()).toEqual({ 'from-a': 'hello', 'from-b': 'world' });
	});

	it('gives viewers a read-only connection whose writes never reach anyone', async () => {
		const name = `sandbox:${wsId}`;
		const viewer = track(await connect(server.wsUrl, name, tokens.viewer));
		const writer = track(await connect(server.wsUrl, name, tokens.admin));
		expect(viewer.result).toBe('synced');
		expect(viewer.scope).toBe('readonly');
		viewer.doc.getMap('notes').set('from-viewer', 'sneaky');
		writer.doc.getMap('notes').set('marker', 'after');
		await waitFor(() => viewer.doc.getMap('notes').get('marker') === 'after');
		await new Promise((r) => setTimeout(r, 200));
		expect(writer.doc.getMap('notes').get('from-viewer')).toBeUndefined();
	});

	it('refuses non-members, unknown documents, and forged or missing credentials', async () => {
		const cases: [string, string][] = [
			[`sandbox:${wsId}`, tokens.outsider],
			[`sandbox:${otherWsId}`, tokens.admin],
			[`sandbox:00000000-0000-4000-8000-000000000000`, tokens.admin],
			['no-such-kind:abc', tokens.admin],
			[`sandbox:${wsId}`, 'lp_forgedforgedforgedforgedforgedforged'],
			[`sandbox:${wsId}`, 't1.00000000-0000-4000-8000-000000000000.99999999999999.forged'],
			[`sandbox:${wsId}`, '']
		];
		for (const [name, token] of cases) {
			const o = track(await connect(server.wsUrl, name, token));
			expect(o.result, `${name} with ${token.slice(0, 12)}`).toMatch(/^denied:/);
			expect(o.doc.getMap('notes').size).toBe(0);
		}
	});

	it('accepts the short-lived ticket a logged-in page gets, and nothing once it expires', async () => {
		const admin = (await server.services.repos.users.byEmail('own@example.test'))!;
		const { ticket } = await server.services.tickets.issue(admin.id);
		const o = track(await connect(server.wsUrl, `sandbox:${wsId}`, ticket));
		expect(o.result).toBe('synced');
		expect(o.doc.getMap('notes').get('from-a')).toBe('hello');
		const [t1, uid, , sig] = ticket.split('.');
		const stale = track(await connect(server.wsUrl, `sandbox:${wsId}`, `${t1}.${uid}.${Date.now() - 1000}.${sig}`));
		expect(stale.result).toMatch(/^denied:/);
	});

	it('stores documents, so a later connection gets what was written', async () => {
		const name = `sandbox:${wsId}`;
		for (const p of open.splice(0)) p.destroy();
		await new Promise((r) => setTimeout(r, 300));
		const stored = await server.services.collabDocs.load(name);
		expect(stored.state).toBeInstanceOf(Uint8Array);
		// Unloading stored the snapshot and folded the update log into it.
		expect(stored.updates).toEqual([]);
		const check = new Y.Doc();
		Y.applyUpdate(check, stored.state!);
		expect(check.getMap('notes').get('from-b')).toBe('world');
	});

	it('opens the review room of an asset version for members only', async () => {
		const s = server.services;
		const owner = (await s.repos.users.byEmail('own@example.test'))!;
		const actor = { user: { ...owner }, via: { kind: 'cli' as const } };
		const { version } = await s.assets.upload(actor, wsId, {
			file: { name: 'proof.png', stream: Readable.from([await solid('png', 8, 8, '#123123')]) },
			fields: async () => ({})
		});
		const room = `version:${version.id}`;
		expect(track(await connect(server.wsUrl, room, tokens.reviewer)).result).toBe('synced');
		expect(track(await connect(server.wsUrl, room, tokens.outsider)).result).toMatch(/^denied:/);
		expect(track(await connect(server.wsUrl, 'version:00000000-0000-4000-8000-000000000000', tokens.admin)).result).toMatch(/^denied:/);
	});

	it('turns a demoted member read-only and disconnects a removed one, on open connections', async () => {
		const s = server.services;
		const owner = (await s.repos.users.byEmail('own@example.test'))!;
		const admin = { user: owner, via: { kind: 'cli' as const } };
		const m = await member(s, wsId, 'reviewer', 'Demoted');
		const token = (await s.tokens.createFor(m.user.id, { name: 't' })).token;
		const name = `sandbox:${wsId}`;
		const victim = track(await connect(server.wsUrl, name, token));
		const watcher = track(await connect(server.wsUrl, name, tokens.admin));
		expect(victim.scope).toBe('read-write');

		await s.workspaces.changeRole(admin, wsId, m.user.id, { role: 'viewer' });
		victim.doc.getMap('notes').set('after-demotion', 'should not land');
		watcher.doc.getMap('notes').set('marker-2', 'x');
		await waitFor(() => victim.doc.getMap('notes').get('marker-2') === 'x');
		await new Promise((r) => setTimeout(r, 200));
		expect(watcher.doc.getMap('notes').get('after-demotion')).toBeUndefined();

		let closed = false;
		victim.provider.on('close', () => (closed = true));
		victim.provider.on('authenticationFailed', () => (closed = true));
		await s.workspaces.removeMember(admin, wsId, m.user.id);
		await waitFor(() => closed, 5000);
	});

	it('survives a thousand malformed frames and an oversized one; other rooms carry on', async () => {
		const ws = new WebSocket(server.wsUrl);
		ws.binaryType = 'arraybuffer';
		await new Promise((r, j) => ((ws.onopen = r), (ws.onerror = j)));
		const closedGarbage = new Promise<number>((r) => (ws.onclose = (e) => r(e.code)));
		for (let i = 0; i < 1000; i++) {
			const junk = new Uint8Array(1 + (i % 64));
			crypto.getRandomValues(junk);
			if (ws.readyState === WebSocket.OPEN) ws.send(junk);
		}
		if (ws.readyState === WebSocket.OPEN) ws.send('not even binary');
		const big = new WebSocket(server.wsUrl);
		await new Promise((r, j) => ((big.onopen = r), (big.onerror = j)));
		const closedBig = new Promise<number>((r) => (big.onclose = (e) => r(e.code)));
		big.send(new Uint8Array(9 * 1024 * 1024));
		expect(await closedBig).toBe(1009);
		expect(await closedGarbage).toBe(4400);
		const after = track(await connect(server.wsUrl, `sandbox:${wsId}`, tokens.admin));
		expect(after.result).toBe('synced');
		expect((await fetch(`${server.url}/api/v1/openapi.json`)).status).toBe(200);
	});
});
