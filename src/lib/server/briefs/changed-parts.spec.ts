import { describe, expect, it } from 'vitest';
import { changedParts } from './brief.service.ts';
import type { BriefRow } from './brief.repository.ts';

const brief = {
	title: 'Spring',
	legalCategory: null,
	relatedBriefIds: ['b', 'a'],
	sections: [{ title: 'A', fields: [{ key: 'audience', label: 'Audience', type: 'text' as const, required: false }, { key: 'paid', label: 'Paid', type: 'checkbox' as const, required: false }, { key: 'assets', label: 'Assets', type: 'asset' as const, required: false }] }],
	fields: { audience: 'Teens' }
} as unknown as BriefRow;

describe('what a brief update changed', () => {
	it('names the parts whose values differ, as the page labels them', () => {
		expect(changedParts(brief, { title: 'Summer', fields: { audience: 'Adults' }, legalCategory: 'Finance' }, true)).toEqual(['the title', 'Audience', 'the legal category', 'milestones']);
		expect(changedParts(brief, { relatedBriefIds: ['c'] }, false)).toEqual(['related briefs']);
	});

	it('sees no change in a form saved as it was: blanks, unticked boxes, empty lists, reordered links', () => {
		expect(changedParts(brief, { title: 'Spring', fields: { audience: 'Teens', paid: false, assets: [] }, legalCategory: null, relatedBriefIds: ['a', 'b'] }, false)).toEqual([]);
		expect(changedParts(brief, { fields: { audience: 'Teens', paid: true } }, false)).toEqual(['Paid']);
	});
});
