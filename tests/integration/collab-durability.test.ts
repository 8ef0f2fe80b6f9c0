import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { backends, type TestDb } from '../helpers/db.ts';

const root = path.resolve(import.meta.dirname, '../..');

function run(args: string[], env: Record<string, string>) {
	return new Promise<string>((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(root, 'bin/loupe.ts'), ...args], { env: { ...process.env, ...env } });
		let out = '';
		let err = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (err += d));
		child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(err))));
	});
}

function serve(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
	const child = spawn(process.execPath, [path.join(root, 'bin/loupe.ts'), 'serve'], { env: { ...process.env, ...env, PORT: '0', LOUPE_LOG: 'info', LOUPE_JOBS: '0' } });
	let log = '';
	return new Promise((resolve, reject) => {
		child.stdout.on('data', (d: Buffer) => {
			log += d;
			const m = /running on (http:\/\/[\d.:]+)/.exec(log);
			if (m) resolve({ child, url: m[1]! });
		});
		child.stderr.on('data', (d: Buffer) => (log += d));
		child.on('exit', () => reject(new Error(log)));
	});
}

function open(url: string, name: string, token: string) {
	const doc = new Y.Doc();
	const provider = new HocuspocusProvider({ url: url.replace('http', 'ws') + '/collab', name, document: doc, token });
	const synced = new Promise<void>((r) => provider.on('synced', () => r()));
	return { doc, provider, synced };
}

const waitFor = async (check: () => boolean, ms = 5000) => {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 5));
	}
};

describe.each(backends)('collab durability on $name', (backend) => {
	const cleanup: (() => Promise<unknown>)[] = [];
	afterAll(async () => {
		for (const c of cleanup.reverse()) await c().catch(() => {});
	});

	it('keeps an acknowledged update through kill -9 of the server the moment after', async () => {
		const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-kill-'));
		cleanup.push(() => fs.rm(dataDir, { recursive: true, force: true }));
		let db: TestDb | undefined;
		if (backend.name === 'postgres') {
			db = await backend.open();
			await db.database.close();
			cleanup.push(() => db!.close());
		}
		const env = { LOUPE_DATA_DIR: dataDir, LOUPE_LOG: 'error', ...(db?.url ? { DATABASE_URL: db.url } : {}) };
		await run(['user', 'create', '--email', 'k@example.test', '--name', 'K', '--password', 'long enough password', '--workspace', 'Durable'], env);
		const token = (await run(['token', 'create', '--email', 'k@example.test'], env)).trim();

		const first = await serve(env);
		const me = (await (await fetch(`${first.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as { workspaces: { id: string }[] };
		const name = `sandbox:${me.workspaces[0]!.id}`;
		const a = open(first.url, name, token);
		await a.synced;
		a.doc.getMap('m').set('edit', 'acknowledged before the crash');
		await waitFor(() => a.provider.unsyncedChanges === 0); // the server's acknowledgement
		first.child.kill('SIGKILL');
		await new Promise((r) => first.child.once('exit', r));
		a.provider.destroy();

		const second = await serve(env);
		cleanup.push(async () => second.child.kill('SIGKILL'));
		const b = open(second.url, name, token);
		await b.synced;
		expect(b.doc.getMap('m').get('edit')).toBe('acknowledged before the crash');
		b.provider.destroy();
	});
});
