import { DomainError } from '#lib/shared/errors.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { SessionService } from '../auth/session.service.ts';
import type { WorkspaceService } from './workspace.service.ts';

/** Sign-up through an invitation link: a new account, signed in, and a member in one step. */
export function createJoinService(deps: { auth: AuthService; sessions: SessionService; workspaces: WorkspaceService }) {
	return {
		async registerAndJoin(input: unknown, invitationToken: string, meta: { ip?: string | null; userAgent?: string | null }) {
			const preview = await deps.workspaces.previewInvitation(invitationToken);
			if (preview.status !== 'active') throw new DomainError('conflict', `This invitation is ${preview.status}. Ask for a new link.`);
			const user = await deps.auth.createUser(input);
			const { token, session } = await deps.sessions.create(user.id, meta);
			const joined = await deps.workspaces.acceptInvitation({ user, via: { kind: 'session', sessionId: session.id } }, invitationToken);
			return { token, session, user, ...joined };
		}
	};
}

export type JoinService = ReturnType<typeof createJoinService>;
