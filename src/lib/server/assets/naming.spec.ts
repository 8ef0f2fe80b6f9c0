import { describe, expect, it } from 'vitest';
import { renderName, templateProblem } from './naming.ts';

const v = { workspace: 'Acme', collection: 'Summer 2026', title: 'Hero: beach / sunset', original: 'IMG_2041.JPG', version: 3, date: new Date('2026-07-04T10:00:00Z'), status: 'approved', id: '0b7a2f2e-8d7c' };

describe('download naming templates', () => {
	it('fills tokens, keeps the extension, and makes the name safe', () => {
		expect(renderName('{collection}_{title}_v{version}_{yyyy}{mm}{dd}', v)).toBe('Summer 2026_Hero- beach - sunset_v3_20260704.jpg');
		expect(renderName(null, v)).toBe('IMG_2041.JPG');
		expect(renderName('{original}-{id}', v)).toBe('IMG_2041-0b7a2f2e.jpg');
	});
	it('collapses separators left by empty tokens', () => {
		expect(renderName('{collection}__{title}', { ...v, collection: null })).toBe('Hero- beach - sunset.jpg');
	});
	it('refuses unknown tokens when a template is saved', () => {
		expect(templateProblem('{title}_{client}')).toMatch(/Unknown token \{client\}/);
		expect(templateProblem('{title}_v{version}')).toBeNull();
	});
});
