import { describe, expect, it } from 'vitest';
import { findMentions, mentionQuery, mentionRuns } from './mentions.ts';

const members = [
	{ id: 'a', name: 'Ann' },
	{ id: 'al', name: 'Ann Lee' },
	{ id: 'b', name: 'Ben' }
];

describe('mentions', () => {
	it('finds the longest name after each @, case-insensitively, once per person', () => {
		expect(findMentions('@ann lee please check, and @Ben too. @BEN!', members).sort()).toEqual(['al', 'b']);
		expect(findMentions('@Ann, thoughts?', members)).toEqual(['a']);
		expect(findMentions('mail ann@example.com or @Benjamin', members)).toEqual([]);
	});

	it('reports what is being typed after an @ at the caret', () => {
		expect(mentionQuery('Hey @An', 7)).toEqual({ start: 4, query: 'An' });
		expect(mentionQuery('mail ann@ex', 11)).toBeNull();
		expect(mentionQuery('no at here', 5)).toBeNull();
	});

	it('splits a body into text and mention runs', () => {
		expect(mentionRuns('Hi @Ann Lee, see @Ben.', members)).toEqual([
			{ text: 'Hi ', mention: false },
			{ text: '@Ann Lee', mention: true },
			{ text: ', see ', mention: false },
			{ text: '@Ben', mention: true },
			{ text: '.', mention: false }
		]);
	});
});
