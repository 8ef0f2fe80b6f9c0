import * as Y from 'yjs';
import { YKeyValue } from 'y-utility/y-keyvalue';
import { COMMENTS, MARKS, THREADS, type Comment, type Entry, type Mark, type Thread } from './markup.ts';

type Stores = { mark: YKeyValue<Mark>; thread: YKeyValue<Thread>; comment: YKeyValue<Comment> };
export type MarkupChange = { type: Entry['type']; key: string; action: 'add' | 'update' | 'delete' };

/**
 * A client's view of a review-room document: typed key-value stores over the three root
 * arrays, every local write tagged with `origin` so that an UndoManager scoped to it undoes
 * this person's changes and nobody else's.
 */
export class MarkupDoc {
	readonly doc: Y.Doc;
	readonly origin: object;
	readonly stores: Stores;
	readonly undo: Y.UndoManager;

	constructor(doc: Y.Doc, opts: { origin?: object; captureTimeout?: number } = {}) {
		this.doc = doc;
		this.origin = opts.origin ?? { local: true };
		this.stores = {
			mark: new YKeyValue<Mark>(doc.getArray(MARKS)),
			thread: new YKeyValue<Thread>(doc.getArray(THREADS)),
			comment: new YKeyValue<Comment>(doc.getArray(COMMENTS))
		};
		this.undo = new Y.UndoManager([doc.getArray(MARKS), doc.getArray(THREADS), doc.getArray(COMMENTS)], {
			trackedOrigins: new Set([this.origin]),
			captureTimeout: opts.captureTimeout ?? 400
		});
	}

	get<T extends Entry['type']>(type: T, key: string) {
		return this.stores[type].get(key) as Extract<Entry, { type: T }> | undefined;
	}

	all<T extends Entry['type']>(type: T): Extract<Entry, { type: T }>[] {
		return [...this.stores[type].map.values()].map((e) => e.val as Extract<Entry, { type: T }>);
	}

	/** Several writes as one step of the undo history. */
	write(fn: () => void) {
		this.doc.transact(fn, this.origin);
	}

	put(entry: Entry) {
		this.write(() => (this.stores[entry.type] as YKeyValue<Entry>).set(entry.id, entry));
	}

	remove(type: Entry['type'], key: string) {
		this.write(() => this.stores[type].delete(key));
	}

	/** Calls `fn` with what changed, whoever changed it (the local writes included). */
	observe(fn: (changes: MarkupChange[], local: boolean) => void) {
		const offs = (Object.keys(this.stores) as Entry['type'][]).map((type) => {
			const handler = (changes: Map<string, { action: MarkupChange['action'] }>, tr: Y.Transaction) => {
				fn(
					[...changes].map(([key, c]) => ({ type, key, action: c.action })),
					tr.origin === this.origin || tr.origin === this.undo
				);
			};
			this.stores[type].on('change', handler);
			return () => this.stores[type].off('change', handler);
		});
		return () => offs.forEach((off) => off());
	}

	destroy() {
		this.undo.destroy();
	}
}
