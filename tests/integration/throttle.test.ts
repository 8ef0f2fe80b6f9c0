import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, makeServices, type TestDb } from '../helpers/db.ts';
import type { DomainError } from '#lib/shared/errors.ts';

describe.each(backends)('login throttling on $name', (backend) => {
	let db: TestDb;
	let env: ReturnType<typeof makeServices>;
	const good = 'correct horse battery';

	beforeAll(async () => {
		db = await backend.open();
		env = makeServices(db);
		await env.services.auth.createUser({ email: 'tess@example.test', name: 'Tess', password: good });
		await env.services.auth.createUser({ email: 'other@example.test', name: 'Other', password: good });
	});
	afterAll(() => db.close());

	const attempt = (email: string, password: string, ip = '203.0.113.5') =>
		env.services.auth.login({ email, password }, { ip }).then(
			() => 'ok' as const,
			(e: DomainError) => e
		);

	it('lets a few mistakes through, then makes each retry wait longer, with Retry-After', async () => {
		for (let i = 0; i < 4; i++) expect(await attempt('tess@example.test', 'wrong')).toMatchObject({ code: 'unauthenticated' });
		expect(await attempt('tess@example.test', 'wrong')).toMatchObject({ code: 'unauthenticated' }); // 5th failure: now locked 1 s
		const limited = await attempt('tess@example.test', good);
		expect(limited).toMatchObject({ code: 'rate_limited', retryAfter: 1 });

		env.clock.advance(1100);
		expect(await attempt('tess@example.test', 'wrong')).toMatchObject({ code: 'unauthenticated' }); // 6th: 2 s
		expect(await attempt('tess@example.test', good)).toMatchObject({ code: 'rate_limited', retryAfter: 2 });
		env.clock.advance(2100);
		expect(await attempt('tess@example.test', 'wrong')).toMatchObject({ code: 'unauthenticated' }); // 7th: 4 s
		expect(await attempt('tess@example.test', good)).toMatchObject({ code: 'rate_limited', retryAfter: 4 });

		// Even the right password waits; after the delay it works and the count resets.
		env.clock.advance(4100);
		expect(await attempt('tess@example.test', good)).toBe('ok');
		expect(await attempt('tess@example.test', 'wrong')).toMatchObject({ code: 'unauthenticated' });
		expect(await attempt('tess@example.test', good)).toBe('ok');
	});

	it('throttles an address that sprays many accounts', async () => {
		const ip = '198.51.100.9';
		for (let i = 0; i < 21; i++) await attempt(`nobody${i}@example.test`, 'guess', ip);
		expect(await attempt('other@example.test', good, ip)).toMatchObject({ code: 'rate_limited' });
		// The account itself is fine from elsewhere.
		expect(await attempt('other@example.test', good, '192.0.2.1')).toBe('ok');
	});

	it('counts parallel guesses one by one', async () => {
		const ip = '192.0.2.77';
		await Promise.all(Array.from({ length: 8 }, () => attempt('other@example.test', 'parallel guess', ip)));
		const rows = await env.services.repos.throttle.get(['account:other@example.test']);
		expect(rows[0]?.failures).toBe(8);
	});
});
