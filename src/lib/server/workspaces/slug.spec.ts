import { describe, expect, it } from 'vitest';
import { slugify, uniqueSlug } from './slug.ts';

describe('workspace slugs', () => {
	it('makes readable ASCII slugs from any name', () => {
		expect(slugify('Acme Marketing')).toBe('acme-marketing');
		expect(slugify('  Équipe  Créa / Paris ')).toBe('equipe-crea-paris');
		expect(slugify('!!!')).toBe('workspace');
		expect(slugify('x'.repeat(100)).length).toBeLessThanOrEqual(40);
	});

	it('adds a suffix only when the slug is taken', async () => {
		expect(await uniqueSlug('Acme', async () => false)).toBe('acme');
		const taken = new Set(['acme']);
		expect(await uniqueSlug('Acme', async (s) => taken.has(s))).toMatch(/^acme-[a-z2-7]{4}$/);
	});
});
