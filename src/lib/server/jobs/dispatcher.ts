import type { JobDefinition } from './jobs.ts';

/**
 * Services enqueue work by name. When a pg-boss runner is attached (serve, workers) jobs
 * go to the queue; without one (CLI, tests) they run inline, so the outcome is the same.
 */
export function createDispatcher() {
	const handlers = new Map<string, JobDefinition['handler']>();
	let send: ((name: string, data: object) => Promise<unknown>) | null = null;
	return {
		register(defs: JobDefinition[]) {
			for (const d of defs) handlers.set(d.name, d.handler);
		},
		attach(runner: (name: string, data: object) => Promise<unknown>) {
			send = runner;
		},
		async enqueue(name: string, data: object) {
			if (send) return send(name, data);
			const handler = handlers.get(name);
			if (!handler) throw new Error(`no job handler for ${name}`);
			return handler(data);
		}
	};
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
