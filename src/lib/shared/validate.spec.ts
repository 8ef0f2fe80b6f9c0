import { describe, expect, it } from 'vitest';
import { parse } from './validate.ts';
import { setupInput } from './schemas.ts';
import { isDomainError } from './errors.ts';

describe('parse', () => {
	it('returns normalised data', () => {
		expect(parse(setupInput, { email: ' Ann@Example.COM ', name: ' Ann ', password: 'long enough!', workspaceName: 'W' })).toEqual({
			email: 'ann@example.com',
			name: 'Ann',
			password: 'long enough!',
			workspaceName: 'W'
		});
	});

	it('throws one invalid error with a message per field', () => {
		try {
			parse(setupInput, { email: 'nope', password: 'short' });
			expect.unreachable();
		} catch (e) {
			expect(isDomainError(e) && e.code).toBe('invalid');
			expect(Object.keys((e as { fields: object }).fields).sort()).toEqual(['email', 'name', 'password', 'workspaceName']);
		}
	});
});
