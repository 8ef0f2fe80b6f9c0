import * as Y from 'yjs';

/**
 * A brief's rich-text body lives in the collab document `brief:{briefId}`, in one
 * Y.XmlFragment that Tiptap's Collaboration extension (y-prosemirror's layout) edits: block
 * nodes are Y.XmlElements named after the ProseMirror node, text is Y.XmlText with marks
 * as formatting attributes. Postgres keeps only its plain text (`brief.body_text`).
 */
export const BODY_FIELD = 'body';

export const briefDocName = (briefId: string) => `brief:${briefId}`;

/** Nodes holding one line of inline content; everything else holds blocks. */
const TEXTBLOCKS = new Set(['paragraph', 'heading', 'codeBlock']);

// XmlText.toString() wraps marks in tags (`<bold>…</bold>`); the delta holds the bare text.
const textOf = (t: Y.XmlText) => (t.toDelta() as { insert: unknown }[]).map((d) => (typeof d.insert === 'string' ? d.insert : '')).join('');

function inline(el: Y.XmlElement): string {
	let s = '';
	for (const c of el.toArray()) {
		if (c instanceof Y.XmlText) s += textOf(c);
		else if (c instanceof Y.XmlElement) s += c.nodeName === 'hardBreak' ? '\n' : inline(c);
	}
	return s;
}

function blocks(node: Y.XmlFragment | Y.XmlElement, out: string[]) {
	for (const c of node.toArray()) {
		if (c instanceof Y.XmlText) out.push(textOf(c));
		else if (c instanceof Y.XmlElement) {
			// An element with text directly inside is a text block whatever its name, so a node
			// type added to the editor later still contributes its words.
			if (TEXTBLOCKS.has(c.nodeName) || c.toArray().some((x) => x instanceof Y.XmlText)) out.push(inline(c));
			else blocks(c, out);
		}
	}
}

/**
 * The body as plain text, one line per paragraph, heading or list item, for search and
 * reports. Runs of empty paragraphs shrink to one blank line; the ends are trimmed.
 */
export function bodyText(fragment: Y.XmlFragment): string {
	const out: string[] = [];
	blocks(fragment, out);
	return out
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}
