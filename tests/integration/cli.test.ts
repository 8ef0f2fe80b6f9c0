import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { loupe, loupeBin } from '../helpers/cli.ts';

const root = path.resolve(import.meta.dirname, '../..');

describe('loupe CLI on the embedded database', () => {
	let dir: string;
	let env: Record<string, string>;
	beforeAll(async () => {
		dir = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-cli-'));
		env = { LOUPE_DATA_DIR: dir };
	});
	afterAll(() => fs.rm(dir, { recursive: true, force: true }));

	it('prints help, and refuses unknown commands and options with exit code 2', async () => {
		const help = await loupe(['--help'], env);
		expect(help.code).toBe(0);
		expect(help.out).toContain('user create');
		expect(help.out).toContain('token create');
		const unknown = await loupe(['frobnicate'], env);
		expect(unknown.code).toBe(2);
		expect(unknown.err).toContain('Unknown command');
		const badOpt = await loupe(['user', 'create', '--colour', 'red'], env);
		expect(badOpt.code).toBe(2);
		expect(badOpt.err).toMatch(/colour/);
	});

	// Each command is a fresh process opening the embedded database (several seconds on a busy 2-core machine).
	it('migrates, creates users into workspaces, and mints a token that the API accepts', async () => {
		expect((await loupe(['migrate'], env)).code).toBe(0);
		const missing = await loupe(['user', 'create', '--email', 'a@example.test'], env);
		expect(missing.code).toBe(1);
		expect(missing.err).toContain('--name');
		const weak = await loupe(['user', 'create', '--email', 'a@example.test', '--name', 'A', '--password', 'short'], env);
		expect(weak.code).toBe(1);
		expect(weak.err).toContain('10 characters');

		const made = await loupe(['user', 'create', '--email', 'Ada@Example.test', '--name', 'Ada', '--password', 'a long password', '--admin', '--workspace', 'Studio'], env);
		expect(made.code, made.err).toBe(0);
		expect(made.out).toContain('Created workspace "Studio"');
		const again = await loupe(['user', 'create', '--email', 'ada@example.test', '--name', 'Ada', '--password', 'a long password'], env);
		expect(again.code).toBe(1);
		expect(again.err).toContain('already exists');
		const second = await loupe(['user', 'create', '--email', 'bo@example.test', '--name', 'Bo', '--password', 'a long password', '--workspace', 'studio', '--role', 'reviewer'], env);
		expect(second.out).toContain('as reviewer');

		const tok = await loupe(['token', 'create', '--email', 'ada@example.test', '--name', 'ci'], env);
		expect(tok.code).toBe(0);
		const token = tok.out.trim();
		expect(token).toMatch(/^lp_[a-z2-7]+$/);
		expect((await loupe(['token', 'create', '--email', 'nobody@example.test'], env)).code).toBe(1);

		// serve on a free port, use the token, then stop it with SIGTERM.
		const child = spawn(process.execPath, [loupeBin, 'serve'], { env: { ...process.env, ...env, PORT: '0', LOUPE_LOG: 'info', LOUPE_JOBS: '0' } });
		let log = '';
		child.stderr.on('data', (d) => (log += d));
		const url = await new Promise<string>((resolve, reject) => {
			child.stdout.on('data', (d: Buffer) => {
				log += d;
				const m = /running on (http:\/\/[\d.:]+)/.exec(log);
				if (m) resolve(m[1]!);
			});
			child.on('exit', () => reject(new Error(log)));
		});
		const me = (await (await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as { user: { email: string }; workspaces: { slug: string }[] };
		expect(me.user.email).toBe('ada@example.test');
		expect(me.workspaces.map((w) => w.slug)).toEqual(['studio']);

		// A document edited over /collab is stored when the server is told to stop.
		const doc = new Y.Doc();
		const ws = me.workspaces as unknown as { id: string }[];
		const provider = new HocuspocusProvider({ url: url.replace('http', 'ws') + '/collab', name: `sandbox:${ws[0]!.id}`, document: doc, token });
		await new Promise<void>((r) => provider.on('synced', () => r()));
		doc.getMap('m').set('k', 'kept across restart');
		await new Promise((r) => setTimeout(r, 150));
		const started = Date.now();
		child.kill('SIGTERM');
		const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
		provider.destroy();
		expect(code).toBe(0);
		expect(Date.now() - started).toBeLessThan(10_000);

		const { openDatabase } = await import('#lib/server/db/client.ts');
		const db = await openDatabase({ dbDir: path.join(dir, 'db') });
		const { createCollabRepository } = await import('#lib/server/collab/collab.repository.ts');
		const stored = await createCollabRepository(db.db).load(`sandbox:${ws[0]!.id}`);
		await db.close();
		const check = new Y.Doc();
		if (stored.state) Y.applyUpdate(check, stored.state);
		for (const u of stored.updates) Y.applyUpdate(check, u.update);
		expect(check.getMap('m').get('k')).toBe('kept across restart');
	}, 120_000);

	it('`npm start` serves the embedded default with no Postgres configured', async () => {
		const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-start-'));
		const env: Record<string, string | undefined> = { ...process.env, PORT: '0', LOUPE_DATA_DIR: dataDir, LOUPE_JOBS: '1' };
		delete env.DATABASE_URL;
		const child = spawn(process.execPath, [path.join(root, 'bin/start.ts')], { env });
		// Runs even when the test times out (a stale build makes `npm start` rebuild first): no server left behind.
		onTestFinished(() => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')));
		let log = '';
		child.stderr.on('data', (d) => (log += d));
		const url = await new Promise<string>((resolve, reject) => {
			child.stdout.on('data', (d: Buffer) => {
				log += d;
				const m = /running on (http:\/\/[\d.:]+) \(embedded database/.exec(log);
				if (m) resolve(m[1]!);
			});
			child.on('exit', () => reject(new Error(log)));
		});
		const res = await fetch(url, { redirect: 'manual' });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/setup');
		expect((await fetch(`${url}/setup`)).status).toBe(200);
		child.kill('SIGTERM');
		expect(await new Promise((r) => child.on('exit', r))).toBe(0);
		expect((await fs.readdir(dataDir)).sort()).toContain('db');
		await fs.rm(dataDir, { recursive: true, force: true });
	}, 120_000);
});
