import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

/** Integration tests serve the built app in-process; build it once if `npm test` has not. */
export default function setup() {
	const root = path.resolve(import.meta.dirname, '../..');
	if (fs.existsSync(path.join(root, 'build/handler.js'))) return;
	execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}
