import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, DAY, makeServices, member, userWithWorkspace, actorOf, type TestDb, outcome } from '../helpers/db.ts';
import { roles, type Role } from '#lib/shared/roles.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import type { Services } from '#lib/server/services.ts';


describe.each(backends)('access across roles and workspaces on $name', (backend) => {
	let db: TestDb;
	let s: Services;
	let clock: ReturnType<typeof makeServices>['clock'];
	let a: Awaited<ReturnType<typeof userWithWorkspace>>;
	let b: Awaited<ReturnType<typeof userWithWorkspace>>;
	const inA = {} as Record<Role, Actor>;

	beforeAll(async () => {
		db = await backend.open();
		({ services: s, clock } = makeServices(db));
		a = await userWithWorkspace(s, 'Alice');
		b = await userWithWorkspace(s, 'Bob');
		inA.admin = a.actor;
		for (const r of roles.filter((r) => r !== 'admin')) inA[r] = await member(s, a.ws.id, r, `A-${r}`);
	});
	afterAll(() => db.close());

	// What each role may do in its own workspace. Everything else is denied.
	const matrix: Record<string, Record<Role, 'ok' | 'forbidden'>> = {
		read: { admin: 'ok', manager: 'ok', creator: 'ok', reviewer: 'ok', viewer: 'ok' },
		listMembers: { admin: 'ok', manager: 'ok', creator: 'ok', reviewer: 'ok', viewer: 'ok' },
		rename: { admin: 'ok', manager: 'forbidden', creator: 'forbidden', reviewer: 'forbidden', viewer: 'forbidden' },
		invite: { admin: 'ok', manager: 'ok', creator: 'forbidden', reviewer: 'forbidden', viewer: 'forbidden' },
		listInvitations: { admin: 'ok', manager: 'ok', creator: 'forbidden', reviewer: 'forbidden', viewer: 'forbidden' },
		changeRole: { admin: 'ok', manager: 'forbidden', creator: 'forbidden', reviewer: 'forbidden', viewer: 'forbidden' }
	};
	const run = (op: string, actor: Actor, wsId: string, target: string): Promise<unknown> =>
		({
			read: () => s.workspaces.get(actor, wsId),
			listMembers: () => s.workspaces.members(actor, wsId),
			rename: () => s.workspaces.update(actor, wsId, { name: 'Renamed' }),
			invite: () => s.workspaces.invite(actor, wsId, { role: 'viewer' }),
			listInvitations: () => s.workspaces.invitations(actor, wsId),
			changeRole: () => s.workspaces.changeRole(actor, wsId, target, { role: 'reviewer' })
		})[op]!();

	it('gives each role exactly what the matrix says in its own workspace', async () => {
		const target = inA.reviewer.user.id;
		const got: typeof matrix = {};
		for (const op of Object.keys(matrix)) {
			got[op] = {} as Record<Role, 'ok' | 'forbidden'>;
			for (const role of roles) got[op]![role] = (await outcome(run(op, inA[role], a.ws.id, target))) as 'ok' | 'forbidden';
		}
		expect(got).toEqual(matrix);
	});

	it('shows a member of workspace A nothing of workspace B, the same as for a made-up id', async () => {
		for (const role of roles) {
			for (const op of Object.keys(matrix)) {
				expect(await outcome(run(op, inA[role], b.ws.id, b.user.id))).toBe('not_found');
			}
			expect(await outcome(s.workspaces.getBySlug(inA[role], b.ws.slug))).toBe('not_found');
			expect((await s.workspaces.listForUser(inA[role])).map((w) => w.id)).not.toContain(b.ws.id);
		}
		expect(await outcome(s.workspaces.get(a.actor, '00000000-0000-4000-8000-000000000000'))).toBe('not_found');
		expect(await outcome(s.workspaces.get(a.actor, 'not-a-uuid'))).toBe('not_found');
		expect(await outcome(s.workspaces.getBySlug(a.actor, 'no-such-workspace'))).toBe('not_found');
	});

	it('lets a manager invite only roles below their own', async () => {
		expect(await outcome(s.workspaces.invite(inA.manager, a.ws.id, { role: 'creator' }))).toBe('ok');
		expect(await outcome(s.workspaces.invite(inA.manager, a.ws.id, { role: 'manager' }))).toBe('forbidden');
		expect(await outcome(s.workspaces.invite(inA.manager, a.ws.id, { role: 'admin' }))).toBe('forbidden');
		expect(await outcome(s.workspaces.invite(inA.admin, a.ws.id, { role: 'admin' }))).toBe('ok');
	});

	it('never leaves a workspace without an admin, even under concurrent demotions', async () => {
		const solo = await userWithWorkspace(s, 'Solo');
		expect(await outcome(s.workspaces.changeRole(solo.actor, solo.ws.id, solo.user.id, { role: 'viewer' }))).toBe('conflict');
		expect(await outcome(s.workspaces.removeMember(solo.actor, solo.ws.id, solo.user.id))).toBe('conflict');

		const second = await member(s, solo.ws.id, 'admin', 'SecondAdmin');
		const results = await Promise.all([
			outcome(s.workspaces.changeRole(solo.actor, solo.ws.id, solo.user.id, { role: 'viewer' })),
			outcome(s.workspaces.changeRole(second, solo.ws.id, second.user.id, { role: 'viewer' }))
		]);
		const admins = (await s.workspaces.members(solo.actor.user.id === solo.user.id && results[0] === 'ok' ? second : solo.actor, solo.ws.id)).filter((m) => m.role === 'admin');
		expect(admins.length).toBeGreaterThanOrEqual(1);
		expect(results.filter((r) => r === 'ok').length).toBeLessThanOrEqual(1);
	});

	it('removal takes effect at once, and members may leave', async () => {
		const gone = await member(s, a.ws.id, 'creator', 'Leaving');
		await s.workspaces.removeMember(gone, a.ws.id, gone.user.id);
		expect(await outcome(s.workspaces.get(gone, a.ws.id))).toBe('not_found');
		const kicked = await member(s, a.ws.id, 'reviewer', 'Kicked');
		expect(await outcome(s.workspaces.removeMember(inA.manager, a.ws.id, kicked.user.id))).toBe('forbidden');
		await s.workspaces.removeMember(a.actor, a.ws.id, kicked.user.id);
		expect(await outcome(s.workspaces.members(kicked, a.ws.id))).toBe('not_found');
	});

	describe('invitation links', () => {
		it('joins once with the invited role, then is used up', async () => {
			const { token, invitation } = await s.workspaces.invite(a.actor, a.ws.id, { role: 'creator' });
			expect(invitation.status).toBe('active');
			const joiner = actorOf(await s.auth.createUser({ email: 'joiner@example.test', name: 'Joiner', password: 'long enough password' }));
			const joined = await s.workspaces.acceptInvitation(joiner, token);
			expect(joined.role).toBe('creator');
			expect((await s.workspaces.get(joiner, a.ws.id)).role).toBe('creator');
			const late = actorOf(await s.auth.createUser({ email: 'late@example.test', name: 'Late', password: 'long enough password' }));
			expect(await outcome(s.workspaces.acceptInvitation(late, token))).toBe('conflict');
		});

		it('cannot be used after it expires or is revoked, and a forged token is not found', async () => {
			const who = actorOf(await s.auth.createUser({ email: 'x1@example.test', name: 'X', password: 'long enough password' }));
			const expiring = await s.workspaces.invite(a.actor, a.ws.id, { role: 'viewer', expiresInDays: 1 });
			const revoked = await s.workspaces.invite(a.actor, a.ws.id, { role: 'viewer' });
			await s.workspaces.revokeInvitation(a.actor, a.ws.id, revoked.invitation.id);
			expect(await outcome(s.workspaces.acceptInvitation(who, revoked.token))).toBe('conflict');
			clock.advance(DAY + 1);
			expect(await outcome(s.workspaces.acceptInvitation(who, expiring.token))).toBe('conflict');
			expect(await outcome(s.workspaces.acceptInvitation(who, 'forgedtokenforgedtokenforgedtoke'))).toBe('not_found');
			expect(await outcome(s.workspaces.get(who, a.ws.id))).toBe('not_found');
			const list = await s.workspaces.invitations(a.actor, a.ws.id);
			expect(list.find((i) => i.id === revoked.invitation.id)?.status).toBe('revoked');
			expect(list.find((i) => i.id === expiring.invitation.id)?.status).toBe('expired');
		});

		it('is bound to its email when one is given', async () => {
			const { token } = await s.workspaces.invite(a.actor, a.ws.id, { role: 'viewer', email: 'only@example.test' });
			const wrong = actorOf(await s.auth.createUser({ email: 'wrong@example.test', name: 'W', password: 'long enough password' }));
			expect(await outcome(s.workspaces.acceptInvitation(wrong, token))).toBe('forbidden');
			const right = actorOf(await s.auth.createUser({ email: 'only@example.test', name: 'O', password: 'long enough password' }));
			expect(await outcome(s.workspaces.acceptInvitation(right, token))).toBe('ok');
		});

		it('hands out a multi-use link no more times than allowed, even in parallel', async () => {
			const { token } = await s.workspaces.invite(a.actor, a.ws.id, { role: 'viewer', maxUses: 3 });
			const people = await Promise.all(
				Array.from({ length: 6 }, (_, i) => s.auth.createUser({ email: `par${i}@example.test`, name: `P${i}`, password: 'long enough password' }))
			);
			const results = await Promise.all(people.map((u) => outcome(s.workspaces.acceptInvitation(actorOf(u), token))));
			expect(results.filter((r) => r === 'ok')).toHaveLength(3);
		});

		it('signs up and joins in one step from the link', async () => {
			const { token } = await s.workspaces.invite(a.actor, a.ws.id, { role: 'reviewer' });
			const out = await s.join.registerAndJoin({ email: 'new@example.test', name: 'Newbie', password: 'long enough password' }, token, {});
			expect(out.role).toBe('reviewer');
			expect((await s.sessions.validate(out.token))?.user.email).toBe('new@example.test');
		});
	});
});
