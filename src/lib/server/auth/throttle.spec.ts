import { describe, expect, it } from 'vitest';
import { delayAfter, policy } from './throttle.ts';

describe('login delay policy', () => {
	it('is free for the first few failures, then doubles up to a quarter of an hour', () => {
		const d = delayAfter(policy.account);
		expect([1, 2, 3, 4].map(d)).toEqual([0, 0, 0, 0]);
		expect([5, 6, 7, 8].map(d)).toEqual([1, 2, 4, 8]);
		expect(d(40)).toBe(900);
	});
});
