import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, DAY, makeServices, type TestDb } from '../helpers/db.ts';
import { sha256Hex } from '#lib/server/auth/crypto.ts';

describe.each(backends)('sessions and passwords on $name', (backend) => {
	let db: TestDb;
	let env: ReturnType<typeof makeServices>;
	const password = 'correct horse battery';

	beforeAll(async () => {
		db = await backend.open();
		env = makeServices(db);
		await env.services.auth.setup({ email: 'Admin@Example.test', name: 'Ada', password, workspaceName: 'Acme Studio' });
	});
	afterAll(() => db.close());

	it('setup runs once: a second setup is refused and the first admin stays', async () => {
		await expect(env.services.auth.setup({ email: 'eve@example.test', name: 'Eve', password, workspaceName: 'Evil' })).rejects.toMatchObject({ code: 'conflict' });
		expect(await env.services.auth.needsSetup()).toBe(false);
		expect(await env.services.repos.users.byEmail('eve@example.test')).toBeUndefined();
	});

	it('stores only the SHA-256 of the session token and a 30-day expiry', async () => {
		const { token, session } = await env.services.auth.login({ email: 'admin@example.test', password });
		expect(token).toMatch(/^[a-z2-7]{32}$/); // 160 random bits
		expect(session.id).toBe(sha256Hex(token));
		const stored = await env.services.repos.users.sessionWithUser(session.id);
		expect(stored?.session.id).not.toBe(token);
		expect(session.expiresAt.getTime() - env.clock.now().getTime()).toBe(30 * DAY);
	});

	it('keeps a session alive while it is used (sliding) and ends it 30 days after last use', async () => {
		const { token, session } = await env.services.auth.login({ email: 'admin@example.test', password });
		env.clock.advance(10 * DAY);
		expect((await env.services.sessions.validate(token))?.session.expiresAt).toEqual(session.expiresAt); // not yet half-way
		env.clock.advance(6 * DAY);
		const slid = await env.services.sessions.validate(token);
		expect(slid?.session.expiresAt.getTime()).toBe(env.clock.now().getTime() + 30 * DAY);
		env.clock.advance(30 * DAY + 1000);
		expect(await env.services.sessions.validate(token)).toBeNull();
		expect(await env.services.repos.users.sessionWithUser(session.id)).toBeUndefined();
	});

	it('rejects forged and malformed tokens', async () => {
		expect(await env.services.sessions.validate('a'.repeat(32))).toBeNull();
		expect(await env.services.sessions.validate("' or 1=1 --")).toBeNull();
		expect(await env.services.sessions.validate('')).toBeNull();
	});

	it('changing the password ends every other session but the current one', async () => {
		const a = await env.services.auth.login({ email: 'admin@example.test', password });
		const b = await env.services.auth.login({ email: 'admin@example.test', password });
		const user = (await env.services.sessions.validate(a.token))!.user;
		await expect(
			env.services.auth.changePassword({ user, via: { kind: 'session', sessionId: a.session.id } }, { currentPassword: 'wrong one!', newPassword: 'another long password' })
		).rejects.toMatchObject({ code: 'invalid' });
		await env.services.auth.changePassword({ user, via: { kind: 'session', sessionId: a.session.id } }, { currentPassword: password, newPassword: 'another long password' });
		expect(await env.services.sessions.validate(a.token)).not.toBeNull();
		expect(await env.services.sessions.validate(b.token)).toBeNull();
		await expect(env.services.auth.login({ email: 'admin@example.test', password })).rejects.toMatchObject({ code: 'unauthenticated' });
		await env.services.auth.login({ email: 'admin@example.test', password: 'another long password' });
		await env.services.auth.changePassword({ user, via: { kind: 'session', sessionId: a.session.id } }, { currentPassword: 'another long password', newPassword: password });
	});

	it('logout ends that session only', async () => {
		const a = await env.services.auth.login({ email: 'admin@example.test', password });
		const b = await env.services.auth.login({ email: 'admin@example.test', password });
		const v = (await env.services.sessions.validate(a.token))!;
		await env.services.auth.logout({ user: v.user, via: { kind: 'session', sessionId: v.session.id } });
		expect(await env.services.sessions.validate(a.token)).toBeNull();
		expect(await env.services.sessions.validate(b.token)).not.toBeNull();
	});

	it('stores passwords as argon2id with at least 19 MiB and two passes', async () => {
		const user = await env.services.repos.users.byEmail('admin@example.test');
		const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=\d+\$/.exec(user!.passwordHash);
		expect(m).not.toBeNull();
		expect(Number(m![1])).toBeGreaterThanOrEqual(19456);
		expect(Number(m![2])).toBeGreaterThanOrEqual(2);
	});

	it('validates input with field messages and treats emails case-insensitively', async () => {
		await expect(env.services.auth.createUser({ email: 'not-an-email', name: 'X', password: 'short' })).rejects.toMatchObject({
			code: 'invalid',
			fields: { email: expect.any(String), password: expect.any(String) }
		});
		await expect(env.services.auth.createUser({ email: 'ADMIN@example.test', name: 'Dup', password: 'long enough password' })).rejects.toMatchObject({ code: 'conflict' });
	});
});
