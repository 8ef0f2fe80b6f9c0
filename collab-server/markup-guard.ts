import * as Y from 'yjs';
import { YKeyValue } from 'y-utility/y-keyvalue';
import { commentSchema, entrySchema, markSchema, ROOTS, rootOf, threadSchema, type Entry, type RootName } from '#lib/shared/markup.ts';
import { RefusedChange } from './refused.ts';
import { sizeCheck } from './doc-size.ts';


type Live = Record<Entry['type'], YKeyValue<Entry>>;
const lives = new WeakMap<Y.Doc, Live>();

/** The live entries of a review-room document, kept current by YKeyValue's own observers. */
function liveOf(doc: Y.Doc): Live {
	let live = lives.get(doc);
	if (!live) {
		live = {
			mark: new YKeyValue(doc.getArray(rootOf.mark)),
			thread: new YKeyValue(doc.getArray(rootOf.thread)),
			comment: new YKeyValue(doc.getArray(rootOf.comment))
		};
		lives.set(doc, live);
	}
	return live;
}

/** The update's items by client, for finding an item by an id that may point inside it. */
export type UpdateItems = Map<number, Y.Item[]>;

/**
 * Which root array an inserted item belongs to. An update names the parent only when the
 * item has no neighbours; otherwise it follows from the left or right origin, which is in
 * the document already or earlier in the same update.
 */
function rootNameOf(item: Y.Item, doc: Y.Doc, inUpdate: UpdateItems, depth = 0): string | null {
	if (typeof item.parent === 'string') return item.parent;
	if (item.parent instanceof Y.AbstractType) return item.parent._item ? null : Y.findRootTypeKey(item.parent);
	if (depth > 10_000) return null;
	for (const ref of [item.origin, item.rightOrigin]) {
		if (!ref) continue;
		const sibling = findInUpdate(inUpdate, ref);
		if (sibling) return rootNameOf(sibling, doc, inUpdate, depth + 1);
		try {
			const existing = Y.getItem(doc.store, ref);
			if (existing instanceof Y.Item && existing.parent instanceof Y.AbstractType && !existing.parent._item) {
				return Y.findRootTypeKey(existing.parent);
			}
		} catch {
			// Not in the document: the update depends on something the server has not seen.
		}
	}
	return null;
}

/** An update's structs, and its items by client for `findInUpdate`; refused when it does not decode. */
export function decodeItems(update: Uint8Array) {
	let decoded: ReturnType<typeof Y.decodeUpdate>;
	try {
		decoded = Y.decodeUpdate(update);
	} catch {
		throw new RefusedChange('the update cannot be decoded');
	}
	const inUpdate: UpdateItems = new Map();
	for (const s of decoded.structs) {
		if (!(s instanceof Y.Item)) continue;
		const list = inUpdate.get(s.id.client);
		if (list) list.push(s);
		else inUpdate.set(s.id.client, [s]);
	}
	return { decoded, inUpdate };
}

export function findInUpdate(inUpdate: UpdateItems, ref: Y.ID): Y.Item | undefined {
	// An origin may point into the middle of a merged run of one client's items.
	return inUpdate.get(ref.client)?.find((it) => ref.clock >= it.id.clock && ref.clock < it.id.clock + it.length);
}

/** The `{key, val}` entries an update deletes from the document, with the key they held. */
function deletedEntries(doc: Y.Doc, ds: ReturnType<typeof Y.decodeUpdate>['ds']): { key: string; val: Entry; entry: object }[] {
	const out: { key: string; val: Entry; entry: object }[] = [];
	for (const [client, ranges] of ds.clients) {
		const structs = doc.store.clients.get(client);
		if (!structs) continue;
		for (const { clock, len } of ranges) {
			let i: number;
			try {
				i = Y.findIndexSS(structs, clock);
			} catch {
				continue;
			}
			for (; i < structs.length && structs[i]!.id.clock < clock + len; i++) {
				const s = structs[i];
				if (!(s instanceof Y.Item) || s.deleted || !(s.content instanceof Y.ContentAny)) continue;
				s.content.getContent().forEach((entry, j) => {
					const at = s.id.clock + j;
					if (at < clock || at >= clock + len) return;
					const e = entry as { key?: unknown; val?: Entry };
					if (typeof e?.key === 'string' && e.val) out.push({ key: e.key, val: e.val, entry: e });
				});
			}
		}
	}
	return out;
}

const sameExcept = (a: Entry, b: Entry, free: string[]) => {
	const strip = (e: Entry) => JSON.stringify(Object.entries(e).filter(([k]) => !free.includes(k)).sort(([x], [y]) => x.localeCompare(y)));
	return strip(a) === strip(b);
};

/**
 * How large a review room may grow, in bytes of updates. Entries are bounded by their schema
 * but not their number; 10,000 marks with freehand strokes are about 6 MB, so this only stops
 * a writer filling a room for everyone to download.
 */
export const MAX_REVIEW_BYTES = 64 * 1024 * 1024;

const ENTRY_KEYS = new Set(['key', 'val']);
const fieldsOf: Record<Entry['type'], Set<string>> = {
	mark: new Set(Object.keys(markSchema.shape)),
	thread: new Set(Object.keys(threadSchema.shape)),
	comment: new Set(Object.keys(commentSchema.shape))
};
const onlyKnown = (o: object, known: Set<string>) => Object.keys(o).every((k) => known.has(k));

/**
 * Checks one update against the current document for the connection's user. Rules:
 * entries are well-formed and sit in their own root array; every written revision says who
 * wrote it (`by`) truthfully; a new entry's author is its writer; marks and comments change
 * only by their author; anyone who may write can resolve or reopen a thread, and nothing
 * else of someone else's thread; only an author removes an entry outright.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, userId: string) {
	const size = sizeCheck(doc, update, MAX_REVIEW_BYTES, 'the review room is full; start a new version to go on');
	const { decoded, inUpdate } = decodeItems(update);
	const live = liveOf(doc);

	const written = new Set<string>();
	for (const s of decoded.structs) {
		if (!(s instanceof Y.Item) || s.content instanceof Y.ContentDeleted) continue;
		// What the server has already is no change: a client sends it again when it merges its
		// offline copy (y-indexeddb) with what it received, and Yjs ignores it on apply.
		const known = Y.getState(doc.store, s.id.client) - s.id.clock;
		if (known >= s.length) continue;
		if (!(s.content instanceof Y.ContentAny) || s.parentSub !== null) throw new RefusedChange('only plain entries belong in a review document');
		const root = rootNameOf(s, doc, inUpdate);
		if (!root || !ROOTS.includes(root as RootName)) throw new RefusedChange(`unknown place ${root ?? '(unresolved)'}`);
		for (const raw of s.content.getContent().slice(Math.max(0, known))) {
			const { key, val } = (raw ?? {}) as { key?: unknown; val?: unknown };
			const parsed = entrySchema.safeParse(val);
			if (!parsed.success || key !== parsed.data.id) throw new RefusedChange(`malformed entry in ${root}`);
			const next = val as Entry;
			// The schema would drop unknown fields from what it returns, but the document keeps
			// what was written: anything it does not know is refused, not stored for everyone.
			if (!onlyKnown(raw as object, ENTRY_KEYS) || !onlyKnown(next, fieldsOf[next.type])) throw new RefusedChange(`unknown fields in a ${next.type}`);
			if (rootOf[next.type] !== root) throw new RefusedChange(`a ${next.type} does not belong in ${root}`);
			if (next.by !== userId) throw new RefusedChange('entries must name their writer');
			written.add(`${next.type}:${key}`);
			const before = live[next.type].get(key) as Entry | undefined;
			if (!before) {
				if (next.author !== userId) throw new RefusedChange('a new entry is authored by its writer');
				continue;
			}
			if (next.author !== before.author || next.createdAt !== before.createdAt) throw new RefusedChange('authorship does not change');
			if (before.author === userId) continue;
			if (next.type !== 'thread') throw new RefusedChange(`only its author changes a ${next.type}`);
			if (!sameExcept(next, before, ['resolved', 'resolvedBy', 'resolvedAt', 'addressed', 'addressedBy', 'addressedAt', 'by', 'updatedAt', 'authorName'])) {
				throw new RefusedChange("others may only resolve, reopen or mark addressed someone's thread");
			}
		}
	}

	for (const { key, val, entry } of deletedEntries(doc, decoded.ds)) {
		if (!val?.type || !(val.type in live)) continue;
		const isLive = live[val.type].map.get(key) === entry;
		if (isLive && !written.has(`${val.type}:${key}`) && val.author !== userId) {
			throw new RefusedChange(`only its author removes a ${val.type}`);
		}
	}
	size.accepted();
}
