import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, DAY, makeServices, userWithWorkspace, type TestDb } from '../helpers/db.ts';
import { sha256Hex } from '#lib/server/auth/crypto.ts';
import type { Services } from '#lib/server/services.ts';

describe.each(backends)('API tokens on $name', (backend) => {
	let db: TestDb;
	let s: Services;
	let clock: ReturnType<typeof makeServices>['clock'];

	beforeAll(async () => {
		db = await backend.open();
		({ services: s, clock } = makeServices(db));
	});
	afterAll(() => db.close());

	it('is shown once, stored hashed, and authenticates as its owner', async () => {
		const { actor } = await userWithWorkspace(s, 'Tok');
		const { token, apiToken } = await s.tokens.create(actor, { name: 'CMS sync' });
		expect(token).toMatch(/^lp_[a-z2-7]{40}$/);
		expect(apiToken.tokenHash).toBe(sha256Hex(token));
		expect(JSON.stringify(await s.tokens.list(actor))).not.toContain(token);
		expect((await s.tokens.authenticate(token))?.user.id).toBe(actor.user.id);
	});

	it('stops working when revoked or expired; forged tokens never work', async () => {
		const { actor } = await userWithWorkspace(s, 'Tok2');
		const revoked = await s.tokens.create(actor, { name: 'a' });
		const expiring = await s.tokens.create(actor, { name: 'b', expiresInDays: 1 });
		await s.tokens.revoke(actor, revoked.apiToken.id);
		expect(await s.tokens.authenticate(revoked.token)).toBeNull();
		expect(await s.tokens.authenticate(expiring.token)).not.toBeNull();
		clock.advance(DAY + 1);
		expect(await s.tokens.authenticate(expiring.token)).toBeNull();
		expect(await s.tokens.authenticate('lp_' + 'a'.repeat(40))).toBeNull();
		expect(await s.tokens.authenticate(revoked.token.slice(0, -1) + 'b')).toBeNull();
		expect((await s.tokens.list(actor)).map((t) => t.name)).toEqual(['b']);
	});

	it("cannot revoke someone else's token, and a token cannot mint tokens", async () => {
		const one = await userWithWorkspace(s, 'One');
		const two = await userWithWorkspace(s, 'Two');
		const t = await s.tokens.create(one.actor, { name: 'mine' });
		await expect(s.tokens.revoke(two.actor, t.apiToken.id)).rejects.toMatchObject({ code: 'not_found' });
		expect(await s.tokens.authenticate(t.token)).not.toBeNull();
		await expect(s.tokens.create({ user: one.user, via: { kind: 'token', tokenId: t.apiToken.id } }, { name: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
	});
});
