// Child processes and CPU accounting for the benches that run servers: every child is
// tracked and killed on any way out; CPU time is read from /proc.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execFile, spawn, type ChildProcess } from 'node:child_process';

/** Children started in `root`, with their output in `workDir/<name>.log`. */
export function processes(root: string, workDir: string) {
	const children = new Set<ChildProcess>();
	const atExit: (() => void)[] = [];
	const track = (c: ChildProcess) => {
		children.add(c);
		c.once('exit', () => children.delete(c));
		return c;
	};
	process.on('exit', () => {
		for (const c of children) c.kill('SIGKILL');
		for (const f of atExit) f();
	});
	for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => process.exit(130));

	return {
		track,
		/** Runs `f` as the bench exits, however it exits (after its children are killed). */
		atExit: (f: () => void) => void atExit.push(f),
		/** A long-running child with its output in <workDir>/<name>.log. */
		start(name: string, args: string[], env: Record<string, string | undefined>) {
			const log = fs.openSync(path.join(workDir, `${name}.log`), 'w');
			const child = track(spawn(process.execPath, args, { cwd: root, env: env as NodeJS.ProcessEnv, stdio: ['ignore', log, log] }));
			fs.closeSync(log);
			return child;
		},
		/** SIGTERM (Loupe stores open documents on it), then SIGKILL if it takes too long. */
		async stop(child: ChildProcess, ms = 15_000) {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const exited = new Promise((r) => child.once('exit', r));
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), ms);
			await exited;
			clearTimeout(timer);
		},
		/** A `loupe` CLI command; tracked like the servers, so a kill during setup leaves none behind. */
		cli: (args: string[], env: Record<string, string | undefined>) =>
			new Promise<string>((resolve, reject) => {
				track(
					execFile(process.execPath, ['bin/loupe.ts', ...args], { cwd: root, env: env as NodeJS.ProcessEnv }, (err, stdout, stderr) =>
						err ? reject(new Error(`loupe ${args.slice(0, 2).join(' ')}: ${stderr || err.message}`)) : resolve(stdout)
					)
				);
			}),
		/** Resolves once `url` answers; fails if the child exits first. */
		async waitHttp(url: string, child: ChildProcess, name: string, ms = 60_000) {
			const until = Date.now() + ms;
			while (Date.now() < until) {
				if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}); see ${path.join(workDir, `${name}.log`)}`);
				try {
					await fetch(url);
					return;
				} catch {
					await new Promise((r) => setTimeout(r, 200));
				}
			}
			throw new Error(`${name} did not answer on ${url} within ${ms} ms`);
		}
	};
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address() as net.AddressInfo;
			s.close(() => resolve(port));
		});
		s.on('error', reject);
	});
}

const TICK = 100; // USER_HZ on Linux
export const CORES = os.availableParallelism();
/** CPU seconds a process has used. */
export const procCpu = (pid: number) => {
	try {
		const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
		return (Number(f[11]) + Number(f[12])) / TICK;
	} catch {
		return 0;
	}
};
/** CPU seconds of every postgres process (the cluster is shared; other work would show up here). */
export const postgresCpu = () =>
	fs
		.readdirSync('/proc')
		.filter((p) => /^\d+$/.test(p))
		.filter((p) => {
			try {
				return fs.readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'postgres';
			} catch {
				return false;
			}
		})
		.reduce((sum, p) => sum + procCpu(Number(p)), 0);
/** Busy and total jiffies of the whole machine. */
export const machineCpu = () => {
	const [, ...n] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
	const idle = n[3]! + n[4]!;
	const total = n.reduce((a, b) => a + b, 0);
	return { busy: total - idle, total };
};
