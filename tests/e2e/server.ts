import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type TestServer = { url: string; dataDir: string; stop: () => Promise<void> };

/** What each running server printed and how much of it a failed test has shown already. */
const running = new Map<string, { output: () => string; total: () => number; shown: number }>();

/**
 * The server output (LOUPE_LOG=error: errors and crashes only) that no failed test has shown
 * yet; tests/e2e/show-server-output.ts prints it when a test fails, since a browser timeout
 * alone seldom says that the server threw.
 */
export function unshownServerOutput(): { url: string; text: string }[] {
	const out: { url: string; text: string }[] = [];
	for (const [url, s] of running) {
		const fresh = Math.min(s.total() - s.shown, s.output().length);
		s.shown = s.total();
		if (fresh > 0) out.push({ url, text: s.output().slice(-fresh) });
	}
	return out;
}

/** Asks the OS for a port nobody uses, then frees it for the server. */
async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

const exited = (child: ChildProcess) =>
	child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));

async function waitUntilUp(url: string, child: ChildProcess, output: () => string, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`Loupe exited with code ${child.exitCode} before answering:\n${output()}`);
		try {
			await fetch(url + '/', { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
			return;
		} catch {
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	throw new Error(`Loupe did not answer on ${url} within ${timeoutMs} ms:\n${output()}`);
}

/**
 * A fresh Loupe (own data dir, own port) in a child process, as `loupe serve` runs it.
 * Jobs run inline unless `env` turns the queue on (LOUPE_JOBS=1), as in production.
 */
export async function startServer(opts: { env?: Record<string, string> } = {}): Promise<TestServer> {
	const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-e2e-'));
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [path.join(root, 'bin/loupe.ts'), 'serve'], {
		cwd: root,
		env: { ...process.env, LOUPE_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOUPE_LOG: 'error', LOUPE_JOBS: '0', DATABASE_URL: '', ...opts.env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	let total = 0;
	const keep = (chunk: Buffer) => {
		const text = chunk.toString();
		total += text.length;
		log = (log + text).slice(-20_000);
	};
	running.set(url, { output: () => log, total: () => total, shown: 0 });
	child.stdout!.on('data', keep);
	child.stderr!.on('data', keep);

	const stop = async () => {
		running.delete(url);
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
		await exited(child);
		await fs.rm(dataDir, { recursive: true, force: true });
	};
	try {
		await waitUntilUp(url, child, () => log);
	} catch (e) {
		await stop();
		throw e;
	}
	return { url, dataDir, stop };
}
