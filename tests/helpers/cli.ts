import path from 'node:path';
import { spawn } from 'node:child_process';

/** The `loupe` CLI's entry point, for tests that spawn it themselves (e.g. a long-running `serve`). */
export const loupeBin = path.resolve(import.meta.dirname, '../../bin/loupe.ts');

/** Runs the `loupe` CLI to completion in a child process, with `env` over this process's environment. */
export function loupe(args: string[], env: Record<string, string>) {
	return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
		const child = spawn(process.execPath, [loupeBin, ...args], { env: { ...process.env, ...env, LOUPE_LOG: 'error' } });
		let out = '';
		let err = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (err += d));
		child.on('close', (code) => resolve({ code, out, err }));
	});
}
