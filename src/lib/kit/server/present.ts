import type { InvitationStatus } from '#lib/server/workspaces/workspace.service.ts';
import type { Role } from '#lib/shared/roles.ts';

// Output shapes for the API: what leaves the server is chosen field by field, so a
// column added later (a hash, a secret) never leaks by accident.

type WorkspaceLike = { id: string; name: string; slug: string; role: Role; createdAt: Date; namingTemplate?: string | null };
export const workspaceOut = (w: WorkspaceLike) => ({ id: w.id, name: w.name, slug: w.slug, role: w.role, createdAt: w.createdAt.toISOString(), namingTemplate: w.namingTemplate ?? null });

type MemberLike = { userId: string; email: string; name: string; role: Role; joinedAt: Date };
export const memberOut = (m: MemberLike) => ({ userId: m.userId, email: m.email, name: m.name, role: m.role, joinedAt: m.joinedAt.toISOString() });

type InvitationLike = {
	id: string;
	role: Role;
	email: string | null;
	maxUses: number;
	uses: number;
	createdAt: Date;
	expiresAt: Date;
	revokedAt: Date | null;
	status: InvitationStatus;
};
export const invitationOut = (i: InvitationLike) => ({
	id: i.id,
	role: i.role,
	email: i.email,
	maxUses: i.maxUses,
	uses: i.uses,
	createdAt: i.createdAt.toISOString(),
	expiresAt: i.expiresAt.toISOString(),
	revokedAt: i.revokedAt?.toISOString() ?? null,
	status: i.status
});

type TokenLike = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null };
export const tokenOut = (t: TokenLike) => ({
	id: t.id,
	name: t.name,
	prefix: t.prefix,
	createdAt: t.createdAt.toISOString(),
	lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
	expiresAt: t.expiresAt?.toISOString() ?? null
});

export const inviteUrl = (origin: string, token: string) => `${origin}/invite/${token}`;
