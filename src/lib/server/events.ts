/** Things other parts of the same process react to (the collab server, mostly). */
export type EventMap = {
	/** A member's role changed or they left the workspace; open connections must be re-checked. */
	'membership.changed': { workspaceId: string; userId: string };
	/** A guest's link was withdrawn; their open connections must close. */
	'guest.revoked': { reviewerId: string };
	/** A brief moved along its lifecycle; who may edit its live body may have changed. */
	'brief.status_changed': { workspaceId: string; briefId: string };
};

type Listener<K extends keyof EventMap> = (payload: EventMap[K]) => void | Promise<void>;

export function createEvents() {
	const listeners = new Map<keyof EventMap, Set<Listener<keyof EventMap>>>();
	const run = async <K extends keyof EventMap>(type: K, payload: EventMap[K]) => {
		const set = listeners.get(type);
		if (!set) return;
		const results = await Promise.allSettled([...set].map(async (fn) => fn(payload)));
		for (const r of results) {
			if (r.status === 'rejected') console.error(`event ${type}: a listener failed`, r.reason);
		}
	};
	/** Set by the event bus in scaled mode: every local event also goes to the other processes. */
	let forward: (<K extends keyof EventMap>(type: K, payload: EventMap[K]) => Promise<void>) | null = null;
	return {
		on<K extends keyof EventMap>(type: K, fn: Listener<K>) {
			const set = listeners.get(type) ?? new Set();
			listeners.set(type, set);
			set.add(fn as Listener<keyof EventMap>);
			return () => void set.delete(fn as Listener<keyof EventMap>);
		},
		/**
		 * Resolves once every listener has finished, so that a caller who changed a role can
		 * promise its user that open connections already reflect it. A failing listener is
		 * logged, never thrown at the caller: the change itself is committed by then.
		 */
		async emit<K extends keyof EventMap>(type: K, payload: EventMap[K]) {
			await Promise.all([run(type, payload), forward?.(type, payload).catch((e: unknown) => console.error(`event ${type}: forwarding failed`, e))]);
		},
		/** An event from another process: local listeners only, never forwarded again. */
		receive: run,
		setForward(fn: typeof forward) {
			forward = fn;
		}
	};
}

export type Events = ReturnType<typeof createEvents>;
