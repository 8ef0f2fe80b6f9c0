import { DomainError } from '#lib/shared/errors.ts';
import { rank, type Role } from '#lib/shared/roles.ts';
import { isUuid } from '#lib/shared/schemas.ts';
import type { Actor } from '../auth/actor.ts';
import type { WorkspaceRepository } from '../workspaces/workspace.repository.ts';

/** The least role each action needs. An action not listed here is denied to everyone. */
export const policy = {
	'workspace.read': 'viewer',
	'workspace.update': 'admin',
	'member.list': 'viewer',
	'member.invite': 'manager',
	'member.manage': 'admin',
	'asset.read': 'viewer',
	'asset.write': 'creator',
	'asset.delete': 'manager',
	'collection.write': 'creator',
	'field.manage': 'admin',
	'collab.read': 'viewer',
	'collab.write': 'reviewer',
	'proof.read': 'viewer',
	'proof.decide': 'reviewer',
	'proof.create': 'creator',
	'proof.manage': 'manager',
	'audit.read': 'manager',
	'brief.read': 'viewer',
	'brief.create': 'creator',
	'brief.manage': 'manager',
	'brand.read': 'viewer',
	'brand.manage': 'manager',
	'legal.manage': 'admin'
} as const satisfies Record<string, Role>;

export type Action = keyof typeof policy;

export function createAccess(deps: { workspaces: Pick<WorkspaceRepository, 'roleOf'> }) {
	const can = (role: Role | undefined, action: Action): boolean => {
		const needed = (policy as Record<string, Role | undefined>)[action];
		return !!role && !!needed && rank[role] >= rank[needed];
	};

	return {
		can,
		roleOf: (actor: Actor, workspaceId: string) => deps.workspaces.roleOf(workspaceId, actor.user.id),

		/**
		 * Resolves the actor's role or throws. A non-member learns nothing, not even that
		 * the workspace exists: they get the same not_found as for a made-up id.
		 */
		async require(actor: Actor, action: Action, workspaceId: string): Promise<Role> {
			const role = isUuid(workspaceId) ? await deps.workspaces.roleOf(workspaceId, actor.user.id) : undefined;
			if (!role) throw new DomainError('not_found', 'Workspace not found.');
			if (!can(role, action)) throw new DomainError('forbidden', `Your role (${role}) does not allow this.`);
			return role;
		},

		/** Whether `actor` (with `own` role) may give someone `target`; only admins make admins or managers. */
		mayAssign: (own: Role, target: Role) => own === 'admin' || rank[target] < rank[own]
	};
}

export type Access = ReturnType<typeof createAccess>;
