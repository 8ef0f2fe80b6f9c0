import fs from 'node:fs';
import path from 'node:path';

const FILE = path.join(import.meta.dirname, 'RESULTS.md');

/** Replaces (or appends) one benchmark's section in bench/RESULTS.md, keeping the others. */
export function writeSection(id: string, markdown: string) {
	const start = `<!-- bench:${id} -->`;
	const end = `<!-- /bench:${id} -->`;
	let text = fs.existsSync(FILE) ? fs.readFileSync(FILE, 'utf8') : '# Benchmark results\n\nEach section is rewritten by the benchmark named in it (`node bench/<name>.ts`).\n';
	const block = `${start}\n${markdown.trim()}\n${end}`;
	const re = new RegExp(`${start}[\\s\\S]*?${end}`);
	text = re.test(text) ? text.replace(re, block) : `${text.trimEnd()}\n\n${block}\n`;
	fs.writeFileSync(FILE, text);
}

export const percentile = (xs: number[], p: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};

export const machine = () => `${(globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? '?'} cores, Node ${process.version}`;
