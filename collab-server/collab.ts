import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Hocuspocus, type Extension, type WebSocketLike } from '@hocuspocus/server';
import { Redis } from '@hocuspocus/extension-redis';
import IORedis from 'ioredis';
import crossws from 'crossws/adapters/node';
import type { Services } from '#lib/server/services.ts';
import { authExtension } from './auth.extension.ts';
import { guardExtension } from './guard.extension.ts';
import { persistenceExtension } from './persistence.extension.ts';
import { projectionExtension } from './projection.extension.ts';
import { briefBodyProjector, reviewProjector } from './projectors.ts';
import { watchMemberships } from './revocation.ts';
import { messageType } from './frame.ts';

export const COLLAB_PATH = '/collab';
/** A frame larger than this closes that socket only. */
const MAX_FRAME_BYTES = 8 * 1024 * 1024;

/**
 * How long a room in continuous use goes between snapshots (a quiet room is stored after 2 s,
 * Hocuspocus's default). Every accepted update is in the durable log already, so a snapshot
 * only folds the log: more often costs a whole-document encode on this thread and a
 * whole-document write per room, and the writes queue the log's commits behind them (at
 * Hocuspocus's 10 s, 50 busy rooms put the writers' "saved" p99 at 270-330 ms; at 60 s, 39-47 ms,
 * bench/broadcast.ts). A minute of log is at most a few hundred small rows to replay on load.
 */
export const SNAPSHOT_AT_MOST_EVERY_MS = 60_000;

const MALFORMED = { code: 4400, reason: 'Malformed message' };
/** Hocuspocus message types run from 0 (Sync) to 10 (Pong); anything else is not a client of ours. */
const MAX_MESSAGE_TYPE = 10;

/**
 * A frame must at least name a document and a known message type. Anything else closes
 * that socket only, before Hocuspocus (which would log and carry on) sees it.
 */
function wellFormed(bytes: Uint8Array): boolean {
	const type = messageType(bytes);
	return type !== null && type <= MAX_MESSAGE_TYPE;
}

type Peer = { websocket: unknown; request: unknown; _hp?: ReturnType<Hocuspocus['handleConnection']> };

/**
 * Hocuspocus without its own http server, so /collab shares the app's port: the same
 * wiring as @hocuspocus/server's Server class, on an `upgrade` event we own.
 */
export function createCollab(opts: { services: Services; log?: (m: string) => void; redis?: { url: string; prefix: string }; databaseUrl?: string }) {
	const persistence = persistenceExtension(opts.services.collabDocs, opts.services.now, { log: opts.log, databaseUrl: opts.databaseUrl });
	const projection = projectionExtension(
		{ version: reviewProjector(opts.services.review), brief: briefBodyProjector(opts.services.repos.briefs, opts.services.now) },
		{ log: opts.log }
	);
	const extensions: Extension[] = [authExtension(opts.services), guardExtension(), persistence.extension, projection.extension];
	// Scaled mode: processes holding the same document exchange its updates and awareness
	// through Redis (the extension runs first, by its own priority).
	const redis = opts.redis
		? new Redis({
				prefix: `${opts.redis.prefix}:collab`,
				// ioredis 5.8+ hangs in subscriber mode with the ready check on (see STACK.md).
				createClient: () => new IORedis(opts.redis!.url, { enableReadyCheck: false, maxRetriesPerRequest: null })
			})
		: null;
	if (redis) extensions.unshift(redis);
	const hocuspocus = new Hocuspocus({
		quiet: true,
		maxDebounce: SNAPSHOT_AT_MOST_EVERY_MS,
		// Each update goes to the room's other sockets as it is applied, as y-websocket does.
		// Hocuspocus's default (0) defers every broadcast to setImmediate, behind all the rest
		// of the event loop's poll phase, to merge updates that arrive in the same turn.
		flushDelay: false,
		// The guard runs before persistence, so a refused change is never logged.
		extensions
	});

	const unwatch = watchMemberships(hocuspocus, opts.services);

	const ws = crossws({
		serverOptions: { maxPayload: MAX_FRAME_BYTES },
		hooks: {
			open(peer) {
				const p = peer as unknown as Peer;
				p._hp = hocuspocus.handleConnection(peer.websocket as unknown as WebSocketLike, peer.request as Request);
			},
			message(peer, message) {
				const bytes = message.uint8Array();
				if (!wellFormed(bytes)) return peer.close(MALFORMED.code, MALFORMED.reason);
				(peer as unknown as Peer)._hp?.handleMessage(bytes);
			},
			close(peer, event) {
				(peer as unknown as Peer)._hp?.handleClose({ code: event.code ?? 1005, reason: event.reason ?? '' });
			},
			error(_peer, error) {
				opts.log?.(`collab socket error: ${error instanceof Error ? error.message : String(error)}`);
			}
		}
	});

	return {
		hocuspocus,
		/** Resolves when the collab server can persist; listen only after it. */
		ready: persistence.ready,
		/** Returns false for any path other than /collab, so callers can pass the upgrade on. */
		handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
			const path = (req.url ?? '').split('?')[0];
			if (path !== COLLAB_PATH) return false;
			ws.handleUpgrade(req, socket, head).catch((e: unknown) => {
				opts.log?.(`collab upgrade failed: ${e instanceof Error ? e.message : String(e)}`);
				socket.destroy();
			});
			return true;
		},
		/** Stores every open document, awaited (flushPendingStores does not return its promise), then closes sockets. */
		async close() {
			unwatch();
			await persistence.drain();
			const docs = [...hocuspocus.documents.values()];
			await Promise.allSettled([...docs.map((d) => persistence.store(d.name, d)), projection.flush()]);
			await persistence.closeLog();
			hocuspocus.closeConnections();
			ws.closeAll(1001, 'Server shutting down');
			if (redis) await redis.onDestroy();
		}
	};
}

export type Collab = ReturnType<typeof createCollab>;
