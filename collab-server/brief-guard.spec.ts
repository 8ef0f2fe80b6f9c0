import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BODY_FIELD } from '#lib/shared/brief-doc.ts';
import { checkBriefUpdate, MAX_BRIEF_BYTES } from './brief-guard.ts';
import { RefusedChange } from './refused.ts';

/** A server document and one client whose changes go through the guard, as over /collab. */
function session() {
	const server = new Y.Doc();
	const doc = new Y.Doc();
	const outbox: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => outbox.push(u));
	const send = () => {
		for (const u of outbox.splice(0)) {
			checkBriefUpdate(server, u);
			Y.applyUpdate(server, u);
		}
	};
	return { server, doc, body: doc.getXmlFragment(BODY_FIELD), send };
}

/** The shapes y-tiptap writes for a heading, a paragraph with marks and a link, and a list. */
function write(body: Y.XmlFragment) {
	const h = new Y.XmlElement('heading');
	h.setAttribute('level', 2 as unknown as string);
	h.insert(0, [new Y.XmlText('Spring launch')]);
	const p = new Y.XmlElement('paragraph');
	const t = new Y.XmlText();
	t.insert(0, 'Bold claim, ', { bold: {} });
	t.insert(12, 'see the site', { link: { href: 'https://example.com', target: '_blank', rel: 'noopener', class: null } });
	p.insert(0, [t]);
	const list = new Y.XmlElement('bulletList');
	const item = new Y.XmlElement('listItem');
	const ip = new Y.XmlElement('paragraph');
	ip.insert(0, [new Y.XmlText('One')]);
	item.insert(0, [ip]);
	list.insert(0, [item]);
	body.insert(0, [h, p, list]);
}

const refused = (f: () => void, reason: RegExp) => {
	try {
		f();
	} catch (e) {
		expect(e).toBeInstanceOf(RefusedChange);
		expect((e as RefusedChange).reason).toMatch(reason);
		return;
	}
	throw new Error('expected the change to be refused');
};

describe('brief body guard', () => {
	it('accepts what the editor writes: blocks, text, marks, links, attributes, edits and deletions', () => {
		const s = session();
		write(s.body);
		s.send();
		const text = (s.body.get(1) as Y.XmlElement).get(0) as Y.XmlText;
		text.insert(3, 'XYZ');
		text.format(0, 4, { italic: {} });
		text.delete(0, 2);
		s.body.delete(2, 1);
		s.send();
		expect(s.server.getXmlFragment(BODY_FIELD).toString()).toContain('Spring launch');
	});

	it('takes an offline copy merging back (what the server has already is no change)', () => {
		const s = session();
		write(s.body);
		s.send();
		expect(() => checkBriefUpdate(s.server, Y.encodeStateAsUpdate(s.doc))).not.toThrow();
	});

	it('refuses other roots, blocks the editor does not make, unknown formats and unsafe links', () => {
		const a = session();
		a.doc.getMap('hidden').set('x', 'payload');
		refused(a.send, /in its body/);

		const b = session();
		b.body.insert(0, [new Y.XmlElement('script')]);
		refused(b.send, /no “script” block/);

		const c = session();
		const t = new Y.XmlText();
		t.insert(0, 'click', { onclick: 'alert(1)' });
		c.body.insert(0, [t]);
		refused(c.send, /no “onclick” format/);

		const d = session();
		const l = new Y.XmlText();
		l.insert(0, 'click', { link: { href: 'javascript:alert(1)' } });
		d.body.insert(0, [l]);
		refused(d.send, /web or mail/);

		const e = session();
		const p = new Y.XmlElement('paragraph');
		p.setAttribute('style', 'x'.repeat(600));
		e.body.insert(0, [p]);
		refused(e.send, /only rich text/);
	});

	it('refuses nested structures inside existing blocks that are not rich text', () => {
		const s = session();
		write(s.body);
		s.send();
		(s.body.get(0) as Y.XmlElement).insert(1, [new Y.XmlElement('iframe')]);
		refused(s.send, /no “iframe” block/);
	});

	it('does not count an offline copy merging back again and again against the limit', () => {
		const s = session();
		const t = new Y.XmlText();
		s.body.insert(0, [t]);
		t.insert(0, 'x'.repeat(MAX_BRIEF_BYTES / 3));
		s.send();
		for (let i = 0; i < 5; i++) expect(() => checkBriefUpdate(s.server, Y.encodeStateAsUpdate(s.doc))).not.toThrow();
	});

	it('keeps a brief under its size limit', () => {
		const s = session();
		const t = new Y.XmlText();
		s.body.insert(0, [t]);
		s.send();
		t.insert(0, 'x'.repeat(MAX_BRIEF_BYTES));
		refused(s.send, /too long/);
		expect(s.server.getXmlFragment(BODY_FIELD).length).toBe(1);
	});
});
