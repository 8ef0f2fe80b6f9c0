// `npm start`: build the web app when it is missing or older than its sources, then serve.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildDir, root } from './paths.ts';

// adapter-node writes handler.js last, so its time is when the build finished.
const HANDLER = path.join(buildDir, 'handler.js');
const SOURCES = ['src', 'static', 'vite.config.ts', 'package.json', 'package-lock.json'];

function newest(p: string): number {
	let stat: fs.Stats;
	try {
		stat = fs.statSync(p);
	} catch {
		return 0;
	}
	if (!stat.isDirectory()) return stat.mtimeMs;
	let max = stat.mtimeMs;
	for (const entry of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
	return max;
}

function stale(): boolean {
	if (!fs.existsSync(HANDLER)) return true;
	const built = fs.statSync(HANDLER).mtimeMs;
	return SOURCES.some((s) => newest(path.join(root, s)) > built);
}

if (stale()) {
	console.log('[loupe] Building the web app (first start or changed sources)…');
	const run = (args: string[]) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
	const steps = [
		[path.join(root, 'node_modules/@sveltejs/kit/svelte-kit.js'), 'sync'],
		[path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']
	];
	for (const step of steps) {
		const r = run(step);
		if (r.status !== 0) {
			console.error('[loupe] Build failed.');
			process.exit(r.status ?? 1);
		}
	}
}

process.argv.splice(2, process.argv.length, 'serve');
await import('./loupe.ts');
