import { Forbidden, Unauthorized } from '@hocuspocus/common';
import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import type { Services } from '#lib/server/services.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { parseDocName } from './doc-name.ts';
import { docAccess } from './doc-access.ts';

export type CollabContext = { actor: Actor; workspaceId: string };

/** Resolves the presented credential: an API token, or a short-lived ticket from a logged-in page. */
async function actorFrom(services: Services, token: string): Promise<Actor | null> {
	if (token.startsWith('lp_')) {
		const found = await services.tokens.authenticate(token);
		return found ? { user: found.user, via: { kind: 'token', tokenId: found.tokenId } } : null;
	}
	if (token.startsWith('t1.')) {
		const user = await services.tickets.verify(token);
		return user ? { user, via: { kind: 'ticket' } } : null;
	}
	return null;
}

/**
 * A guest reviewer reaches the review rooms of their proof's versions and nothing else;
 * they mark and comment while their stage is open.
 */
async function guestContext(services: Services, data: onAuthenticatePayload<CollabContext>): Promise<CollabContext> {
	const g = await services.proofs.guest(data.token as string).catch(() => null);
	if (!g) throw Unauthorized;
	const doc = parseDocName(data.documentName);
	if (doc?.kind !== 'version' || !g.proof.versions.some((v) => v.versionId === doc.versionId)) throw Forbidden;
	data.connectionConfig.readOnly = g.proof.stage.status !== 'open' || g.proof.status === 'approved' || g.proof.status === 'rejected';
	return {
		actor: { user: { id: g.reviewer.id, email: g.reviewer.email, name: g.reviewer.name, isInstanceAdmin: false }, via: { kind: 'guest', reviewerId: g.reviewer.id, proofId: g.proof.id } },
		workspaceId: g.workspaceId
	};
}

/** Authorises every document on connect; those who may only read get a read-only connection. */
export function authExtension(services: Services): Extension {
	return {
		extensionName: 'loupe-auth',
		async onAuthenticate(data: onAuthenticatePayload<CollabContext>) {
			if (typeof data.token === 'string' && data.token.startsWith('g1.')) return guestContext(services, data);
			const actor = typeof data.token === 'string' ? await actorFrom(services, data.token) : null;
			if (!actor) throw Unauthorized;
			const granted = await docAccess(services, actor, data.documentName);
			if (!granted) throw Forbidden;
			data.connectionConfig.readOnly = granted.readOnly;
			return { actor, workspaceId: granted.workspaceId } satisfies CollabContext;
		}
	};
}
