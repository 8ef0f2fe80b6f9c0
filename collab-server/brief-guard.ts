import * as Y from 'yjs';
import { BODY_FIELD } from '#lib/shared/brief-doc.ts';
import { decodeItems, findInUpdate, type UpdateItems } from './markup-guard.ts';
import { RefusedChange } from './refused.ts';
import { sizeCheck } from './doc-size.ts';

/** The blocks the brief editor makes (Tiptap's StarterKit as BriefBody configures it). */
const NODES = new Set(['paragraph', 'heading', 'bulletList', 'orderedList', 'listItem', 'blockquote', 'codeBlock', 'hardBreak', 'horizontalRule']);
/** Its marks; overlapping marks carry a hash after `--` (y-tiptap's naming). */
const MARKS = new Set(['bold', 'italic', 'strike', 'code', 'underline', 'link']);
const SAFE_HREF = /^(https?:\/\/|mailto:|\/|#)/i;

/**
 * How large a brief document may grow, in bytes of updates: a long brief with its whole
 * editing history is a few hundred kB, so this stops a runaway or hostile writer long before
 * the document slows everyone else's sync.
 */
export const MAX_BRIEF_BYTES = 4 * 1024 * 1024;

/** The root a new item ends up under: its parent's, following nested parents and neighbours. */
function rootKey(item: Y.Item, doc: Y.Doc, inUpdate: UpdateItems, depth = 0): string | null {
	if (depth > 10_000) return null;
	const p = item.parent as unknown;
	if (typeof p === 'string') return p;
	if (p instanceof Y.AbstractType) return rootOfType(p);
	const refs = p && typeof (p as Y.ID).client === 'number' ? [p as Y.ID] : [item.origin, item.rightOrigin];
	for (const ref of refs) {
		if (!ref) continue;
		const inThis = findInUpdate(inUpdate, ref);
		if (inThis) return rootKey(inThis, doc, inUpdate, depth + 1);
		try {
			const existing = Y.getItem(doc.store, ref);
			// A parent reference names the nested type's own item; a neighbour shares the parent.
			if (existing instanceof Y.Item) return p === ref ? rootOfItem(existing) : existing.parent instanceof Y.AbstractType ? rootOfType(existing.parent) : null;
		} catch {
			// Not in the document: the update depends on something the server has not seen.
		}
	}
	return null;
}

function rootOfType(t: Y.AbstractType<unknown>): string | null {
	let type = t;
	while (type._item) {
		const up = type._item.parent;
		if (!(up instanceof Y.AbstractType)) return null;
		type = up;
	}
	try {
		return Y.findRootTypeKey(type);
	} catch {
		return null;
	}
}

/** For an item that is itself a nested type (an XmlElement, an XmlText): the root it sits in. */
const rootOfItem = (item: Y.Item) => (item.parent instanceof Y.AbstractType ? rootOfType(item.parent) : null);

const shortPrimitive = (v: unknown) => v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= 500);

/** One new item of a brief document: in the body, and something the editor would write. */
function checkItem(s: Y.Item, doc: Y.Doc, inUpdate: UpdateItems) {
	const root = rootKey(s, doc, inUpdate);
	if (root !== BODY_FIELD) throw new RefusedChange(`a brief keeps everything in its body, not ${root ?? '(unresolved)'}`);
	const c = s.content;
	if (c instanceof Y.ContentString || c instanceof Y.ContentDeleted) return;
	if (c instanceof Y.ContentType) {
		if (c.type instanceof Y.XmlText) return;
		if (c.type instanceof Y.XmlElement && NODES.has(c.type.nodeName)) return;
		throw new RefusedChange(`the brief editor has no ${c.type instanceof Y.XmlElement ? `“${c.type.nodeName.slice(0, 40)}” block` : 'such structure'}`);
	}
	if (c instanceof Y.ContentFormat) {
		const name = c.key.split('--')[0]!;
		if (!MARKS.has(name)) throw new RefusedChange(`the brief editor has no “${c.key.slice(0, 40)}” format`);
		if (c.value === null) return;
		if (typeof c.value !== 'object' || JSON.stringify(c.value).length > 2_000) throw new RefusedChange('a format carries a small set of attributes');
		const href = (c.value as { href?: unknown }).href;
		if (name === 'link' && (typeof href !== 'string' || !SAFE_HREF.test(href.trim()))) throw new RefusedChange('links go to web or mail addresses');
		return;
	}
	// Node attributes (a heading's level, a list's start) are short plain values set by key.
	if (c instanceof Y.ContentAny && s.parentSub !== null && /^[a-zA-Z]{1,30}$/.test(s.parentSub) && c.getContent().every(shortPrimitive)) return;
	throw new RefusedChange('only rich text belongs in a brief');
}

/**
 * Checks one update to a brief's body before it is applied, logged or broadcast: every new
 * item lives in the body fragment and is a block, text, mark or attribute the editor makes;
 * the document stays under MAX_BRIEF_BYTES. Other clients' editors (and the plain-text
 * projection) can then trust what they read.
 */
export function checkBriefUpdate(doc: Y.Doc, update: Uint8Array) {
	const size = sizeCheck(doc, update, MAX_BRIEF_BYTES, 'the brief is too long; split it, or move material into attached files');
	const { decoded, inUpdate } = decodeItems(update);
	for (const s of decoded.structs) {
		if (!(s instanceof Y.Item)) continue;
		// What the server has already is no change (an offline copy merging back).
		if (Y.getState(doc.store, s.id.client) - s.id.clock >= s.length) continue;
		checkItem(s, doc, inUpdate);
	}
	size.accepted();
}
