import type { notification } from '#lib/server/db/schema/index.ts';

export const notificationOut = (n: typeof notification.$inferSelect) => ({
	id: n.id,
	workspaceId: n.workspaceId,
	kind: n.kind,
	data: n.data,
	createdAt: n.createdAt.toISOString(),
	readAt: n.readAt?.toISOString() ?? null
});
