import { Forbidden } from '@hocuspocus/common';
import type { Connection, Hocuspocus } from '@hocuspocus/server';
import type { Services } from '#lib/server/services.ts';
import { briefDocName } from '#lib/shared/brief-doc.ts';
import type { CollabContext } from './auth.extension.ts';
import { docAccess, type DocAccess } from './doc-access.ts';

/**
 * The stateless message a client gets when its connection turns read-only or writable again:
 * Hocuspocus sends no new scope to an open connection, and a provider whose writes are
 * silently dropped would show "Saving…" for ever.
 */
export type AccessMessage = { type: 'access'; readOnly: boolean };

function apply(connection: Connection, granted: DocAccess | null) {
	if (!granted) return connection.close(Forbidden);
	if (connection.readOnly === granted.readOnly) return;
	connection.readOnly = granted.readOnly;
	connection.sendStateless(JSON.stringify({ type: 'access', readOnly: granted.readOnly } satisfies AccessMessage));
}

/**
 * Re-checks open connections when a member's role changes or they leave, and when a brief's
 * status changes: someone who may no longer read is disconnected with Forbidden, someone who
 * may no longer write goes read-only (and back). In scaled mode the events arrive from other
 * processes through the event bus (Redis).
 */
export function watchMemberships(hocuspocus: Hocuspocus, services: Services) {
	/** Re-runs the connect-time check for every member's connection that `affected` picks. */
	const recheck = async (affected: (documentName: string, ctx: CollabContext) => boolean) => {
		const checks: Promise<void>[] = [];
		for (const doc of hocuspocus.documents.values()) {
			for (const connection of doc.getConnections()) {
				const ctx = connection.context as CollabContext | undefined;
				// Guests are checked by their link (guest.revoked), not by membership.
				if (!ctx || ctx.actor.via.kind === 'guest' || !affected(doc.name, ctx)) continue;
				checks.push(docAccess(services, ctx.actor, doc.name).then((granted) => apply(connection, granted)));
			}
		}
		await Promise.all(checks);
	};

	const offGuests = services.events.on('guest.revoked', ({ reviewerId }) => {
		for (const doc of hocuspocus.documents.values()) {
			for (const connection of doc.getConnections()) {
				const via = (connection.context as CollabContext | undefined)?.actor.via;
				if (via?.kind === 'guest' && via.reviewerId === reviewerId) connection.close(Forbidden);
			}
		}
	});
	const offMembers = services.events.on('membership.changed', ({ workspaceId, userId }) => recheck((_name, ctx) => ctx.workspaceId === workspaceId && ctx.actor.user.id === userId));
	const offBriefs = services.events.on('brief.status_changed', ({ briefId }) => {
		const name = briefDocName(briefId);
		return recheck((documentName) => documentName === name);
	});
	return () => {
		offGuests();
		offMembers();
		offBriefs();
	};
}
