export type ActorUser = { id: string; email: string; name: string; isInstanceAdmin: boolean };

/** Who is acting, and through what: a browser session or an API token. */
export type Actor = {
	user: ActorUser;
	via: { kind: 'session'; sessionId: string } | { kind: 'token'; tokenId: string } | { kind: 'cli' } | { kind: 'ticket' };
};

export const toActorUser = (u: ActorUser): ActorUser => ({
	id: u.id,
	email: u.email,
	name: u.name,
	isInstanceAdmin: u.isInstanceAdmin
});
