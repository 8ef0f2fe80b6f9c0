import type { Services } from '#lib/server/services.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { briefEditRole, type BriefStatus } from '#lib/shared/briefs.ts';
import { rank } from '#lib/shared/roles.ts';
import { isDomainError } from '#lib/shared/errors.ts';
import { parseDocName, type DocName } from './doc-name.ts';

export type DocAccess = { workspaceId: string; readOnly: boolean };

/** The record a document belongs to: its workspace, and for a brief its status. Null for no such (live) record. */
async function ownerOf(services: Services, doc: DocName): Promise<{ workspaceId: string; status?: BriefStatus } | null> {
	if (doc.kind === 'sandbox') return { workspaceId: doc.workspaceId };
	if (doc.kind === 'brief') {
		const brief = await services.repos.briefs.byId(doc.briefId);
		return brief ? { workspaceId: brief.workspaceId, status: brief.status } : null;
	}
	const version = await services.repos.assets.versionById(doc.versionId);
	if (!version) return null;
	const asset = await services.repos.assets.assetById(version.assetId);
	return asset && !asset.deletedAt ? { workspaceId: asset.workspaceId } : null;
}

/**
 * What a member may do with a document: null when they may not open it (no such document,
 * not a member, or their role does not read it), else its workspace and whether they only
 * read. Review rooms and sandboxes are written by reviewers and above; a brief's body by
 * whoever may change the brief in its status (`briefEditRole`), so a closed brief is read-only
 * for everyone. Called on connect and again whenever a role or a brief's status changes.
 */
export async function docAccess(services: Services, actor: Actor, documentName: string): Promise<DocAccess | null> {
	const doc = parseDocName(documentName);
	if (!doc) return null;
	const owner = await ownerOf(services, doc);
	if (!owner) return null;
	try {
		const role = await services.access.require(actor, doc.kind === 'brief' ? 'brief.read' : 'collab.read', owner.workspaceId);
		if (!owner.status) return { workspaceId: owner.workspaceId, readOnly: !services.access.can(role, 'collab.write') };
		const needed = briefEditRole(owner.status);
		return { workspaceId: owner.workspaceId, readOnly: !needed || rank[role] < rank[needed] };
	} catch (e) {
		if (isDomainError(e)) return null;
		throw e;
	}
}
