export type ActorUser = { id: string; email: string; name: string; isInstanceAdmin: boolean };

/**
 * Who is acting, and through what: a browser session or an API token; or a guest reviewer's
 * link, whose `user.id` is their stage-reviewer id and who is a member of nothing, so every
 * access check refuses them except those written for guests.
 */
export type Actor = {
	user: ActorUser;
	via: { kind: 'session'; sessionId: string } | { kind: 'token'; tokenId: string } | { kind: 'cli' } | { kind: 'ticket' } | { kind: 'guest'; reviewerId: string; proofId: string };
};

export const toActorUser = (u: ActorUser): ActorUser => ({
	id: u.id,
	email: u.email,
	name: u.name,
	isInstanceAdmin: u.isInstanceAdmin
});
