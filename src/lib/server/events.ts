import { EventEmitter } from 'node:events';

/** Things other parts of the same process react to (the collab server, mostly). */
export type EventMap = {
	/** A member's role changed or they left the workspace; open connections must be re-checked. */
	'membership.changed': { workspaceId: string; userId: string };
};

export function createEvents() {
	const emitter = new EventEmitter();
	emitter.setMaxListeners(50);
	return {
		on<K extends keyof EventMap>(type: K, fn: (payload: EventMap[K]) => void) {
			emitter.on(type, fn);
			return () => void emitter.off(type, fn);
		},
		emit<K extends keyof EventMap>(type: K, payload: EventMap[K]) {
			emitter.emit(type, payload);
		}
	};
}

export type Events = ReturnType<typeof createEvents>;
