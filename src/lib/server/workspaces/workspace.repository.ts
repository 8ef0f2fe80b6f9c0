import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { invitation, membership, user, workspace } from '../db/schema/index.ts';
import type { Role } from '#lib/shared/roles.ts';

export const createWorkspaceRepository = (db: Db) => ({
	insert: async (values: typeof workspace.$inferInsert) => (await db.insert(workspace).values(values).returning())[0]!,
	byId: (id: string) => db.query.workspace.findFirst({ where: eq(workspace.id, id) }),
	bySlug: (slug: string) => db.query.workspace.findFirst({ where: eq(workspace.slug, slug) }),
	slugTaken: async (slug: string) => !!(await db.query.workspace.findFirst({ where: eq(workspace.slug, slug), columns: { id: true } })),
	update: (id: string, values: { name?: string; namingTemplate?: string | null }) => db.update(workspace).set(values).where(eq(workspace.id, id)),

	forUser: (userId: string) =>
		db
			.select({ id: workspace.id, name: workspace.name, slug: workspace.slug, createdAt: workspace.createdAt, role: membership.role })
			.from(membership)
			.innerJoin(workspace, eq(membership.workspaceId, workspace.id))
			.where(eq(membership.userId, userId))
			.orderBy(asc(workspace.name)),

	roleOf: async (workspaceId: string, userId: string): Promise<Role | undefined> =>
		(
			await db
				.select({ role: membership.role })
				.from(membership)
				.where(and(eq(membership.workspaceId, workspaceId), eq(membership.userId, userId)))
		)[0]?.role,

	members: (workspaceId: string) =>
		db
			.select({ userId: user.id, email: user.email, name: user.name, role: membership.role, joinedAt: membership.createdAt })
			.from(membership)
			.innerJoin(user, eq(membership.userId, user.id))
			.where(eq(membership.workspaceId, workspaceId))
			.orderBy(asc(user.name)),

	/** Locks the workspace's admin rows so two demotions cannot both leave it without an admin. */
	adminCount: async (workspaceId: string) =>
		(
			await db
				.select({ userId: membership.userId })
				.from(membership)
				.where(and(eq(membership.workspaceId, workspaceId), eq(membership.role, 'admin')))
				.for('update')
		).length,

	addMember: (workspaceId: string, userId: string, role: Role) =>
		db.insert(membership).values({ workspaceId, userId, role }).onConflictDoNothing().returning(),
	setRole: (workspaceId: string, userId: string, role: Role) =>
		db.update(membership).set({ role }).where(and(eq(membership.workspaceId, workspaceId), eq(membership.userId, userId))).returning(),
	removeMember: (workspaceId: string, userId: string) =>
		db.delete(membership).where(and(eq(membership.workspaceId, workspaceId), eq(membership.userId, userId))).returning(),

	insertInvitation: async (values: typeof invitation.$inferInsert) => (await db.insert(invitation).values(values).returning())[0]!,
	invitations: (workspaceId: string) =>
		db.select().from(invitation).where(eq(invitation.workspaceId, workspaceId)).orderBy(sql`${invitation.createdAt} desc`),
	invitationById: (workspaceId: string, id: string) =>
		db.query.invitation.findFirst({ where: and(eq(invitation.workspaceId, workspaceId), eq(invitation.id, id)) }),
	invitationByHash: (tokenHash: string) => db.query.invitation.findFirst({ where: eq(invitation.tokenHash, tokenHash) }),
	revokeInvitation: (id: string, at: Date) => db.update(invitation).set({ revokedAt: at }).where(eq(invitation.id, id)),
	/** Takes one use of an invitation only while uses remain; false when another request took the last. */
	useInvitation: async (id: string) =>
		(
			await db
				.update(invitation)
				.set({ uses: sql`${invitation.uses} + 1` })
				.where(and(eq(invitation.id, id), sql`${invitation.uses} < ${invitation.maxUses}`))
				.returning({ id: invitation.id })
		).length === 1
});

export type WorkspaceRepository = ReturnType<typeof createWorkspaceRepository>;
