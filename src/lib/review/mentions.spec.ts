import { describe, expect, it } from 'vitest';
import { findMentions, mentionQuery, mentionRuns } from './mentions.ts';
import { frameOf, seekTimeOf, timecode } from './timecode.ts';

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

describe('timecode', () => {
	it('formats frames and maps times to frames and back', () => {
		expect(timecode(61.5, 25)).toBe('01:01:12');
		expect(timecode(seekTimeOf(3, 25), 25)).toBe('00:00:03');
		expect(timecode(3725, 30)).toBe('01:02:05:00');
		expect(frameOf(1 / 25, 25)).toBe(1);
		expect(frameOf(seekTimeOf(42, 29.97), 29.97)).toBe(42);
	});
});
