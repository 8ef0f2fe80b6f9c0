import { Forbidden } from '@hocuspocus/common';
import type { Hocuspocus } from '@hocuspocus/server';
import type { Services } from '#lib/server/services.ts';
import type { CollabContext } from './auth.extension.ts';

/**
 * Re-checks open connections when a member's role changes or they leave: someone who may no
 * longer read is disconnected with Forbidden, someone who may no longer write goes read-only.
 * In scaled mode the event arrives from other processes through the event bus (Redis).
 */
export function watchMemberships(hocuspocus: Hocuspocus, services: Services) {
	const offGuests = services.events.on('guest.revoked', ({ reviewerId }) => {
		for (const doc of hocuspocus.documents.values()) {
			for (const connection of doc.getConnections()) {
				const via = (connection.context as CollabContext | undefined)?.actor.via;
				if (via?.kind === 'guest' && via.reviewerId === reviewerId) connection.close(Forbidden);
			}
		}
	});
	const offMembers = services.events.on('membership.changed', async ({ workspaceId, userId }) => {
		const role = await services.repos.workspaces.roleOf(workspaceId, userId);
		for (const doc of hocuspocus.documents.values()) {
			for (const connection of doc.getConnections()) {
				const ctx = connection.context as CollabContext | undefined;
				if (ctx?.workspaceId !== workspaceId || ctx.actor.user.id !== userId) continue;
				if (!services.access.can(role, 'collab.read')) connection.close(Forbidden);
				else connection.readOnly = !services.access.can(role, 'collab.write');
			}
		}
	});
	return () => {
		offGuests();
		offMembers();
	};
}
