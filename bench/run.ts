// Lists the benchmarks, or runs one with the arguments after its name.
//   npm run bench                       the list, one line each
//   npm run bench -- compare --iterations 10
// A benchmark is a file here that writes its section of RESULTS.md; the rest are its helpers.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const dir = import.meta.dirname;
const benches = fs
	.readdirSync(dir)
	.filter((f) => f.endsWith('.ts') && f !== 'results.ts' && f !== 'run.ts')
	.filter((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes('writeSection('))
	.map((f) => f.slice(0, -3))
	.sort();

/** The opening comment's first sentence (up to its first colon or full stop). */
function describe(name: string) {
	const lines = fs.readFileSync(path.join(dir, `${name}.ts`), 'utf8').split('\n');
	const end = lines.findIndex((l) => !l.startsWith('//') || l.startsWith('//  ')); // the usage lines are indented
	const text = lines.slice(0, end === -1 ? undefined : end).map((l) => l.slice(2).trim()).join(' ');
	return text.split(/[:.](?:\s|$)/)[0] ?? '';
}

const [name, ...args] = process.argv.slice(2);
if (!name) {
	const width = Math.max(...benches.map((b) => b.length));
	for (const b of benches) console.log(`${b.padEnd(width)}  ${describe(b)}`);
	console.log('\nnpm run bench -- <name> [args]   (or node bench/<name>.ts [args])');
} else if (!benches.includes(name)) {
	console.error(`No benchmark "${name}". Available: ${benches.join(', ')}`);
	process.exit(2);
} else {
	const r = spawnSync(process.execPath, [path.join(dir, `${name}.ts`), ...args], { stdio: 'inherit' });
	process.exit(r.status ?? 1);
}
