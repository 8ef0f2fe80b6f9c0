import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import type { EventMap, Events } from './events.ts';

/**
 * Scaled mode: events of one process reach every other through Redis pub/sub, so a role
 * changed on a web process re-checks connections held by collab processes. Delivery is
 * at-most-once; what listeners do (re-reading a role) is safe to repeat.
 */
export async function connectEventBus(events: Events, opts: { url: string; prefix: string; log?: (m: string) => void }) {
	// ioredis 5.8+ hangs in subscriber mode with the ready check on (see STACK.md).
	const options = { enableReadyCheck: false, maxRetriesPerRequest: null, lazyConnect: true };
	const pub = new IORedis(opts.url, options);
	const sub = new IORedis(opts.url, options);
	await Promise.all([pub.connect(), sub.connect()]);
	const channel = `${opts.prefix}:events`;
	const origin = randomUUID();
	await sub.subscribe(channel);
	sub.on('message', (_channel: string, raw: string) => {
		try {
			const msg = JSON.parse(raw) as { origin: string; type: keyof EventMap; payload: EventMap[keyof EventMap] };
			if (msg.origin === origin) return;
			void events.receive(msg.type, msg.payload);
		} catch (e) {
			opts.log?.(`event bus: unreadable message (${e instanceof Error ? e.message : String(e)})`);
		}
	});
	events.setForward(async (type, payload) => void (await pub.publish(channel, JSON.stringify({ origin, type, payload }))));
	return {
		async close() {
			events.setForward(null);
			await Promise.allSettled([sub.quit(), pub.quit()]);
		}
	};
}
