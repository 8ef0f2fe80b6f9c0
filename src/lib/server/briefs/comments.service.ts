import { DomainError } from '#lib/shared/errors.ts';
import { parse } from '#lib/shared/validate.ts';
import { briefCommentInput } from '#lib/shared/briefs.ts';
import type { Actor } from '../auth/actor.ts';
import type { Access } from '../access/access.ts';
import type { Repositories, Transact } from '../db/repositories.ts';
import type { BriefService } from './brief.service.ts';
import type { NotificationService } from '../notifications/notification.service.ts';
import { findMentions } from '#lib/shared/mentions.ts';
import { excerpt } from '../notifications/templates.ts';

/**
 * Comments on a brief: group comments for everyone who can read it, and private notes that
 * only their author and the people they chose can read. Reviewers and above write; a
 * comment is withdrawn (not erased) by its author.
 */
export function createBriefCommentService(deps: {
	repos: Repositories;
	transact: Transact;
	access: Access;
	briefs: Pick<BriefService, 'readable' | 'members'>;
	notifications: Pick<NotificationService, 'notify'>;
	now: () => Date;
}) {
	const { repos, access, briefs } = deps;

	async function list(actor: Actor, briefId: string) {
		const { brief } = await briefs.readable(actor, briefId);
		const rows = await repos.briefs.commentsFor(brief.id, actor.user.id);
		const readers = await repos.briefs.commentReaders(rows.map((r) => r.c.id));
		return rows.map(({ c, authorName }) => ({
			id: c.id,
			briefId: c.briefId,
			authorId: c.authorId,
			authorName: authorName ?? 'Former member',
			visibility: c.visibility,
			readerIds: readers.filter((r) => r.commentId === c.id).map((r) => r.userId),
			body: c.body,
			createdAt: c.createdAt.toISOString()
		}));
	}

	return {
		list,
		async add(actor: Actor, briefId: string, input: unknown) {
			const { brief } = await briefs.readable(actor, briefId);
			await access.require(actor, 'collab.write', brief.workspaceId);
			const body = parse(briefCommentInput, input);
			const readerIds = body.visibility === 'private' ? [...new Set(body.readerIds)].filter((id) => id !== actor.user.id) : [];
			await briefs.members(brief.workspaceId, readerIds, 'readerIds');
			// @Name tells a member, in the inbox and by mail; a private note only those who may read it.
			const members = (await repos.workspaces.members(brief.workspaceId)).map((m) => ({ id: m.userId, name: m.name }));
			const mentioned = findMentions(body.body, members).filter((id) => id !== actor.user.id && (body.visibility === 'team' || readerIds.includes(id)));
			const id = await deps.transact(async (tx) => {
				const commentId = await tx.briefs.insertComment({ briefId: brief.id, authorId: actor.user.id, visibility: body.visibility, body: body.body, createdAt: deps.now() }, readerIds);
				await deps.notifications.notify(
					tx,
					mentioned.map((userId) => ({ userId, workspaceId: brief.workspaceId, kind: 'mention' as const, sourceKey: commentId, data: { briefId: brief.id, briefTitle: brief.title, commentId, by: actor.user.name, excerpt: excerpt(body.body) } }))
				);
				return commentId;
			});
			return (await list(actor, brief.id)).find((c) => c.id === id)!;
		},
		async remove(actor: Actor, commentId: string) {
			const c = await repos.briefs.commentById(commentId);
			// Someone who cannot read the comment learns nothing of it.
			const visible = c && (await list(actor, c.briefId).catch(() => [])).some((x) => x.id === c.id);
			if (!c || !visible) throw new DomainError('not_found', 'Comment not found.');
			if (c.authorId !== actor.user.id) throw new DomainError('forbidden', 'Only its author can delete a comment.');
			await repos.briefs.withdrawComment(c.id, deps.now());
		}
	};
}

export type BriefCommentService = ReturnType<typeof createBriefCommentService>;
