import * as Y from 'yjs';
import { RefusedChange } from './refused.ts';

/** Bytes a loaded document holds, counted once from its state and then by accepted updates. */
const sizes = new WeakMap<Y.Doc, number>();

/**
 * Refuses an update that would take a document past `max` bytes. The running count
 * overstates (an offline copy merging back adds nothing new); near the limit the document
 * is measured again, so only one really that large is refused. Call `accepted` once the
 * update passed every other check.
 */
export function sizeCheck(doc: Y.Doc, update: Uint8Array, max: number, tooLarge: string) {
	let size = (sizes.get(doc) ?? Y.encodeStateAsUpdate(doc).length) + update.length;
	if (size > max) size = Y.encodeStateAsUpdate(doc).length + update.length;
	if (size > max) throw new RefusedChange(tooLarge);
	return { accepted: () => void sizes.set(doc, size) };
}
