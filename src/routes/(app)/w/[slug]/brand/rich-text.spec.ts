import { describe, expect, test } from 'vitest';
import { formatEdit } from './rich-text.ts';

describe('formatting the guidelines text', () => {
	test('wraps the selection, or a placeholder left selected to type over', () => {
		expect(formatEdit('bold', 'Logo', 10)).toEqual({ text: '<strong>Logo</strong>', select: [18, 22] });
		const h = formatEdit('h2', '', 0);
		expect(h.text.slice(...h.select)).toBe('Heading');
	});

	test('a link selects its address, which still needs typing', () => {
		const e = formatEdit('link', 'the kit', 5);
		expect(e.text).toBe('<a href="https://">the kit</a>');
		expect(e.text.slice(e.select[0] - 5, e.select[1] - 5)).toBe('https://');
	});

	test('a list takes one item per selected line', () => {
		expect(formatEdit('ol', 'One\n\n Two \n', 0).text).toBe('<ol>\n  <li>One</li>\n  <li>Two</li>\n</ol>');
		expect(formatEdit('ul', '', 0).text).toBe('<ul>\n  <li>List item</li>\n</ul>');
	});
});
