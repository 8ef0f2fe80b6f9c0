import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getSchema, type JSONContent } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { BODY_FIELD, bodyText } from './brief-doc.ts';

// The fragment exactly as the editor writes it: Tiptap's own schema through its Yjs binding.
const schema = getSchema([StarterKit]);
function body(content: JSONContent[]) {
	const fragment = new Y.Doc().getXmlFragment(BODY_FIELD);
	prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, fragment);
	return fragment;
}
const p = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
const t = (text: string, ...marks: string[]): JSONContent => ({ type: 'text', text, ...(marks.length ? { marks: marks.map((type) => ({ type })) } : {}) });
const item = (text: string): JSONContent => ({ type: 'listItem', content: [p(t(text))] });

describe('brief body as plain text', () => {
	it('gives one line per paragraph, heading and list item, without the formatting', () => {
		const f = body([
			{ type: 'heading', attrs: { level: 2 }, content: [t('Goals')] },
			p(t('Launch the '), t('summer', 'bold', 'italic'), t(' range'), { type: 'hardBreak' }, t('in June')),
			{ type: 'bulletList', content: [item('Families'), item('Cities')] },
			{ type: 'orderedList', content: [item('Teaser'), { type: 'listItem', content: [p(t('Launch')), { type: 'bulletList', content: [item('Story')] }] }] },
			{ type: 'blockquote', content: [p(t('Summer, sorted.'))] },
			{ type: 'codeBlock', content: [t('#FFAA00\n#0090FF')] }
		]);
		expect(f.toString()).toContain('<bold>');
		expect(bodyText(f)).toBe(['Goals', 'Launch the summer range', 'in June', 'Families', 'Cities', 'Teaser', 'Launch', 'Story', 'Summer, sorted.', '#FFAA00', '#0090FF'].join('\n'));
	});

	it('keeps one blank line for empty paragraphs between text and trims the ends', () => {
		const f = body([p(), p(t('First')), p(), p(), p(), p(t('Second')), { type: 'horizontalRule' }, p()]);
		expect(bodyText(f)).toBe('First\n\nSecond');
	});

	it('is empty for an empty document', () => {
		expect(bodyText(new Y.Doc().getXmlFragment(BODY_FIELD))).toBe('');
	});
});
