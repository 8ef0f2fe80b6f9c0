import { DomainError, notFound } from '#lib/shared/errors.ts';
import { parse } from '#lib/shared/validate.ts';
import { invitationCreateInput, memberAddInput, memberUpdateInput, workspaceCreateInput, workspaceUpdateInput } from '#lib/shared/schemas.ts';
import type { Role } from '#lib/shared/roles.ts';
import type { Access } from '../access/access.ts';
import { auditActor, type AuditInput, type AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { randomToken, sha256Hex } from '../auth/crypto.ts';
import type { Repositories, Transact } from '../db/repositories.ts';
import type { Invitation } from '../db/schema/index.ts';
import { uniqueSlug } from './slug.ts';
import type { Events } from '../events.ts';
import { templateProblem } from '../assets/naming.ts';

const DAY = 24 * 60 * 60 * 1000;

export type InvitationStatus = 'active' | 'expired' | 'revoked' | 'used';

export function invitationStatus(inv: Invitation, now: Date): InvitationStatus {
	if (inv.revokedAt) return 'revoked';
	if (inv.uses >= inv.maxUses) return 'used';
	if (inv.expiresAt.getTime() <= now.getTime()) return 'expired';
	return 'active';
}

/** Permission changes are audited: who gave or took which role from whom. */
const memberEvent = (actor: Actor, workspaceId: string, type: string, who: { id: string; email: string; name: string } | undefined, data: Record<string, unknown>): AuditInput => ({
	workspaceId,
	type,
	actor: auditActor(actor),
	subject: `user:${who?.id ?? 'unknown'}`,
	data: { ...data, user: who ? { email: who.email, name: who.name } : null }
});

export function createWorkspaceService(deps: { repos: Repositories; transact: Transact; access: Access; now: () => Date; events?: Events; audit?: Pick<AuditService, 'record'> }) {
	const { repos, access } = deps;
	const describe = (inv: Invitation) => ({ ...inv, status: invitationStatus(inv, deps.now()) });

	/** Role changes and removals must never leave a workspace without an admin. */
	async function guardLastAdmin(r: Repositories, workspaceId: string, userId: string, nextRole: Role | null) {
		const current = await r.workspaces.roleOf(workspaceId, userId);
		if (!current) throw notFound('Member');
		if (current === 'admin' && nextRole !== 'admin' && (await r.workspaces.adminCount(workspaceId)) <= 1) {
			throw new DomainError('conflict', 'A workspace needs at least one admin. Make someone else admin first.');
		}
		return current;
	}

	return {
		listForUser: (actor: Actor) => repos.workspaces.forUser(actor.user.id),

		async create(actor: Actor, input: unknown) {
			const data = parse(workspaceCreateInput, input);
			return deps.transact(async (r) => {
				if (data.slug && (await r.workspaces.slugTaken(data.slug))) {
					throw new DomainError('conflict', `The address "${data.slug}" is taken.`, { fields: { slug: 'Taken.' } });
				}
				const slug = await uniqueSlug(data.name, r.workspaces.slugTaken, data.slug);
				const ws = await r.workspaces.insert({ name: data.name, slug, createdBy: actor.user.id });
				await r.workspaces.addMember(ws.id, actor.user.id, 'admin');
				return { ...ws, role: 'admin' as Role };
			});
		},

		async get(actor: Actor, workspaceId: string) {
			const role = await access.require(actor, 'workspace.read', workspaceId);
			const ws = await repos.workspaces.byId(workspaceId);
			if (!ws) throw notFound('Workspace');
			return { ...ws, role };
		},

		/** Resolves a slug for a member; a non-member gets the same answer as for a slug that does not exist. */
		async getBySlug(actor: Actor, slug: string) {
			const ws = await repos.workspaces.bySlug(slug);
			if (!ws) throw notFound('Workspace');
			const role = await access.require(actor, 'workspace.read', ws.id);
			return { ...ws, role };
		},

		/** Name and download naming template; admins only. */
		async update(actor: Actor, workspaceId: string, input: unknown) {
			await access.require(actor, 'workspace.update', workspaceId);
			const data = parse(workspaceUpdateInput, input);
			const problem = data.namingTemplate ? templateProblem(data.namingTemplate) : null;
			if (problem) throw new DomainError('invalid', problem, { fields: { namingTemplate: problem } });
			await repos.workspaces.update(workspaceId, { ...data, namingTemplate: data.namingTemplate === '' ? null : data.namingTemplate });
		},

		async members(actor: Actor, workspaceId: string) {
			await access.require(actor, 'member.list', workspaceId);
			return repos.workspaces.members(workspaceId);
		},

		/** Adds an existing account directly, without a link. */
		async addMember(actor: Actor, workspaceId: string, input: unknown) {
			const own = await access.require(actor, 'member.invite', workspaceId);
			const data = parse(memberAddInput, input);
			if (!access.mayAssign(own, data.role)) throw new DomainError('forbidden', `A ${own} cannot give the ${data.role} role.`);
			const user = await repos.users.byEmail(data.email);
			if (!user) throw new DomainError('not_found', `No account uses ${data.email}. Send an invitation link instead.`);
			const added = await deps.transact(async (r) => {
				const rows = await r.workspaces.addMember(workspaceId, user.id, data.role);
				if (rows.length) await deps.audit?.record(r, memberEvent(actor, workspaceId, 'member.added', user, { role: data.role }));
				return rows;
			});
			if (added.length === 0) throw new DomainError('conflict', `${user.name} is already a member.`);
			return { userId: user.id, email: user.email, name: user.name, role: data.role, joinedAt: added[0]!.createdAt };
		},

		async changeRole(actor: Actor, workspaceId: string, userId: string, input: unknown) {
			await access.require(actor, 'member.manage', workspaceId);
			const { role } = parse(memberUpdateInput, input);
			await deps.transact(async (r) => {
				await guardLastAdmin(r, workspaceId, userId, role);
				const before = await r.workspaces.roleOf(workspaceId, userId);
				await r.workspaces.setRole(workspaceId, userId, role);
				if (before && before !== role) await deps.audit?.record(r, memberEvent(actor, workspaceId, 'member.role_changed', await r.users.byId(userId), { from: before, to: role }));
			});
			await deps.events?.emit('membership.changed', { workspaceId, userId });
			return { userId, role };
		},

		/** Admins remove anyone; every member may leave. */
		async removeMember(actor: Actor, workspaceId: string, userId: string) {
			if (userId !== actor.user.id) await access.require(actor, 'member.manage', workspaceId);
			else await access.require(actor, 'workspace.read', workspaceId);
			await deps.transact(async (r) => {
				await guardLastAdmin(r, workspaceId, userId, null);
				const before = await r.workspaces.roleOf(workspaceId, userId);
				await r.workspaces.removeMember(workspaceId, userId);
				if (before) await deps.audit?.record(r, memberEvent(actor, workspaceId, 'member.removed', await r.users.byId(userId), { role: before }));
			});
			await deps.events?.emit('membership.changed', { workspaceId, userId });
		},

		async invitations(actor: Actor, workspaceId: string) {
			await access.require(actor, 'member.invite', workspaceId);
			return (await repos.workspaces.invitations(workspaceId)).map(describe);
		},

		/** The token is returned once; only its hash is kept. */
		async invite(actor: Actor, workspaceId: string, input: unknown) {
			const own = await access.require(actor, 'member.invite', workspaceId);
			const data = parse(invitationCreateInput, input);
			if (!access.mayAssign(own, data.role)) throw new DomainError('forbidden', `A ${own} cannot invite someone as ${data.role}.`);
			const token = randomToken();
			const inv = await repos.workspaces.insertInvitation({
				workspaceId,
				tokenHash: sha256Hex(token),
				email: data.email ?? null,
				role: data.role,
				maxUses: data.maxUses,
				createdBy: actor.user.id,
				expiresAt: new Date(deps.now().getTime() + data.expiresInDays * DAY)
			});
			return { invitation: describe(inv), token };
		},

		async revokeInvitation(actor: Actor, workspaceId: string, invitationId: string) {
			await access.require(actor, 'member.invite', workspaceId);
			const inv = await repos.workspaces.invitationById(workspaceId, invitationId);
			if (!inv) throw notFound('Invitation');
			if (!inv.revokedAt) await repos.workspaces.revokeInvitation(inv.id, deps.now());
		},

		/** What an invitation link shows before anyone accepts it. */
		async previewInvitation(token: string) {
			const inv = await repos.workspaces.invitationByHash(sha256Hex(token));
			if (!inv) throw new DomainError('not_found', 'This invitation link is not valid.');
			const status = invitationStatus(inv, deps.now());
			const ws = await repos.workspaces.byId(inv.workspaceId);
			if (!ws) throw new DomainError('not_found', 'This invitation link is not valid.');
			return { status, role: inv.role, email: inv.email, workspace: { id: ws.id, name: ws.name, slug: ws.slug } };
		},

		async acceptInvitation(actor: Actor, token: string) {
			return deps.transact(async (r) => {
				const inv = await r.workspaces.invitationByHash(sha256Hex(token));
				if (!inv) throw new DomainError('not_found', 'This invitation link is not valid.');
				const status = invitationStatus(inv, deps.now());
				if (status !== 'active') throw new DomainError('conflict', `This invitation is ${status}. Ask for a new link.`);
				if (inv.email && inv.email !== actor.user.email) {
					throw new DomainError('forbidden', `This invitation is for ${inv.email}. Sign in with that account.`);
				}
				const ws = (await r.workspaces.byId(inv.workspaceId))!;
				const existing = await r.workspaces.roleOf(inv.workspaceId, actor.user.id);
				if (existing) return { workspace: ws, role: existing, alreadyMember: true };
				if (!(await r.workspaces.useInvitation(inv.id))) throw new DomainError('conflict', 'This invitation has been used up. Ask for a new link.');
				await r.workspaces.addMember(inv.workspaceId, actor.user.id, inv.role);
				return { workspace: ws, role: inv.role, alreadyMember: false };
			});
		}
	};
}

export type WorkspaceService = ReturnType<typeof createWorkspaceService>;
