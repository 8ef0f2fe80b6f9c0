import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '#lib/server/config.ts';
import { serve } from '#bin/serve.ts';
import { getAppContext } from '#lib/server/app-context.ts';
import type { Backend } from './db.ts';

/** The real server (pages, API, /collab) on port 0, on a fresh database of the given backend. */
export async function startServer(backend: Backend, opts: { jobs?: boolean; env?: Record<string, string> } = {}) {
	const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-it-'));
	const db = backend.name === 'postgres' ? await backend.open() : undefined;
	// The test database was created and migrated by open(); serve() opens its own pool on it.
	if (db) await db.database.close();
	const config = loadConfig({ PORT: '0', LOUPE_DATA_DIR: dataDir, LOUPE_LOG: 'error', LOUPE_JOBS: opts.jobs ? '1' : '0', DATABASE_URL: db?.url, ...opts.env });
	const running = await serve(config);
	const url = `http://127.0.0.1:${running.port}`;
	return {
		url,
		wsUrl: `ws://127.0.0.1:${running.port}/collab`,
		filesDir: config.filesDir,
		databaseUrl: db?.url,
		services: getAppContext().services,
		async stop() {
			await running.close();
			await db?.close().catch(() => {});
			await fs.rm(dataDir, { recursive: true, force: true });
		}
	};
}

export type TestServer = Awaited<ReturnType<typeof startServer>>;

/** Signs in through the login form and returns the session cookie. */
export async function login(server: TestServer, email: string, password: string): Promise<string> {
	const res = await fetch(`${server.url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
		body: new URLSearchParams({ email, password })
	});
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('loupe_session='));
	if (!cookie) throw new Error(`login failed: ${res.status} ${await res.text()}`);
	return cookie.split(';')[0]!;
}
