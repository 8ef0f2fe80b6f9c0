import { Forbidden, Unauthorized } from '@hocuspocus/common';
import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import type { Services } from '#lib/server/services.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { isDomainError } from '#lib/shared/errors.ts';
import { parseDocName } from './doc-name.ts';

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

/** The workspace whose membership decides access to a document, or null for no such document. */
async function workspaceOf(services: Services, documentName: string): Promise<string | null> {
	const doc = parseDocName(documentName);
	if (!doc) return null;
	if (doc.kind === 'sandbox') return doc.workspaceId;
	const version = await services.repos.assets.versionById(doc.versionId);
	if (!version) return null;
	const asset = await services.repos.assets.assetById(version.assetId);
	return asset && !asset.deletedAt ? asset.workspaceId : null;
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

/** Authorises every document on connect; viewers get a read-only connection. */
export function authExtension(services: Services): Extension {
	return {
		extensionName: 'loupe-auth',
		async onAuthenticate(data: onAuthenticatePayload<CollabContext>) {
			if (typeof data.token === 'string' && data.token.startsWith('g1.')) return guestContext(services, data);
			const actor = typeof data.token === 'string' ? await actorFrom(services, data.token) : null;
			if (!actor) throw Unauthorized;
			const workspaceId = await workspaceOf(services, data.documentName);
			if (!workspaceId) throw Forbidden;
			try {
				await services.access.require(actor, 'collab.read', workspaceId);
				const role = await services.access.roleOf(actor, workspaceId);
				data.connectionConfig.readOnly = !services.access.can(role, 'collab.write');
			} catch (e) {
				if (isDomainError(e)) throw Forbidden;
				throw e;
			}
			return { actor, workspaceId } satisfies CollabContext;
		}
	};
}
