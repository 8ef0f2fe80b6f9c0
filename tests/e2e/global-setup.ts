import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The e2e tests drive the production build; `npm test` builds first, so this is a fallback. */
export default function setup() {
	if (fs.existsSync(path.join(root, 'build/handler.js'))) return;
	const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
	if (r.status !== 0) throw new Error('vite build failed; the e2e tests need build/handler.js');
}
