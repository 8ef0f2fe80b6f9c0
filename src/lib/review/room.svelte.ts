import * as Y from 'yjs';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { IndexeddbPersistence } from 'y-indexeddb';
import { MarkupDoc, type MarkupChange } from '#lib/shared/markup-doc.ts';
import { newId, type Comment, type Mark, type Thread, openThread } from '#lib/shared/markup.ts';
import { collabTicket, collabUrl, colourFor, followNetwork, presentUsers } from '#lib/client/collab.ts';

export { colourFor };

export type Me = { id: string; name: string };
/**
 * How a room connects. Members fetch a short-lived ticket with their session (the default);
 * a guest reviewer's page passes their link token instead.
 */
export type RoomOptions = { url?: string; offline?: boolean; token?: string | (() => string) | (() => Promise<string>) };
export type Cursor = { x: number; y: number; page: number };
/** The part of someone's view that others follow: page-relative centre and zoom. */
export type View = { page: number; time: number | null; cx: number; cy: number; zoom: number };
export type Peer = { clientId: number; id: string; name: string; color: string; cursor: Cursor | null; view: View | null; presenting: boolean };

/**
 * One review room as the browser sees it: the Yjs document synced through /collab and kept
 * in IndexedDB (a tablet that loses its connection keeps working and merges on reconnect),
 * the marks and threads as reactive lists, presence through awareness, and writes that
 * carry the local origin so undo only ever touches this person's changes.
 */
export class ReviewRoom {
	readonly doc = new Y.Doc();
	readonly markup: MarkupDoc;
	readonly provider: HocuspocusProvider;
	readonly me: Me & { color: string };
	#local: IndexeddbPersistence | null = null;
	#unfollow: () => void;

	marks = $state.raw<Mark[]>([]);
	threads = $state.raw<Thread[]>([]);
	comments = $state.raw<Comment[]>([]);
	peers = $state.raw<Peer[]>([]);
	online = $state(false);
	synced = $state(false);
	canWrite = $state(false);
	canUndo = $state(false);
	canRedo = $state(false);
	/** Set when the server refused a change (it closes the document's connection). */
	refused = $state<string | null>(null);
	/** Changes made here that the server has not confirmed yet. */
	unsynced = $state(false);

	#listeners = new Set<(changes: MarkupChange[], local: boolean) => void>();
	#scheduled = false;

	constructor(versionId: string, me: Me, opts: RoomOptions = {}) {
		this.me = { ...me, color: colourFor(me.id) };
		this.markup = new MarkupDoc(this.doc);
		const name = `version:${versionId}`;
		if (opts.offline !== false && typeof indexedDB !== 'undefined') this.#local = new IndexeddbPersistence(`loupe:${name}`, this.doc);
		const url = opts.url ?? collabUrl();
		this.provider = new HocuspocusProvider({
			url,
			name,
			document: this.doc,
			token: opts.token ?? collabTicket,
			onAuthenticated: ({ scope }) => (this.canWrite = scope === 'read-write'),
			onSynced: () => (this.synced = true),
			onStatus: ({ status }) => (this.online = status === 'connected'),
			onUnsyncedChanges: ({ number }) => (this.unsynced = number > 0),
			onClose: ({ event }) => {
				if (!event.reason?.startsWith('Change refused')) return;
				this.refused = event.reason;
				// The refused change would be offered again on every reconnect; drop the local copy.
				this.provider.destroy();
				void this.#local?.clearData();
			},
			onAwarenessChange: () => this.#readPeers()
		});
		this.provider.setAwarenessField('user', { id: me.id, name: me.name, color: this.me.color });
		// Work carries on locally while the network is gone.
		this.#unfollow = followNetwork(this.#wentOffline, this.#cameOnline);
		this.markup.observe((changes, local) => {
			for (const l of this.#listeners) l(changes, local);
			this.#refresh();
		});
		this.markup.undo.on('stack-item-added', () => this.#undoState());
		this.markup.undo.on('stack-item-popped', () => this.#undoState());
		this.#refresh();
	}

	/** Called with every batch of changes, for the canvas to redraw only what changed. */
	onChange(fn: (changes: MarkupChange[], local: boolean) => void) {
		this.#listeners.add(fn);
		return () => this.#listeners.delete(fn);
	}

	// The side panel re-reads the lists at most once per frame, however fast marks move.
	#refresh() {
		if (this.#scheduled) return;
		this.#scheduled = true;
		const run = () => {
			this.#scheduled = false;
			const byTime = (a: { createdAt: string }, b: { createdAt: string }) => a.createdAt.localeCompare(b.createdAt);
			this.marks = this.markup.all('mark');
			this.threads = this.markup.all('thread').sort(byTime);
			this.comments = this.markup.all('comment').sort(byTime);
		};
		if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
		else queueMicrotask(run);
	}

	#undoState() {
		this.canUndo = this.markup.undo.canUndo();
		this.canRedo = this.markup.undo.canRedo();
	}

	#readPeers() {
		this.peers = presentUsers(this.provider).map(({ state, ...u }) => ({ ...u, cursor: (state.cursor as Cursor) ?? null, view: (state.view as View) ?? null, presenting: !!state.presenting }));
	}

	setCursor(cursor: Cursor | null) {
		this.provider.setAwarenessField('cursor', cursor);
	}
	setView(view: View) {
		this.provider.setAwarenessField('view', view);
	}
	setPresenting(on: boolean) {
		this.provider.setAwarenessField('presenting', on);
	}

	#stamp() {
		const at = new Date().toISOString();
		return { by: this.me.id, updatedAt: at };
	}

	/** A new mark with its thread, as one undo step. */
	addMark(input: Pick<Mark, 'kind' | 'page' | 'time' | 'box' | 'points' | 'pressure' | 'rects' | 'text' | 'color' | 'stroke'>) {
		const at = new Date().toISOString();
		const base = { author: this.me.id, authorName: this.me.name, by: this.me.id, createdAt: at, updatedAt: at };
		const mark: Mark = { type: 'mark', id: newId(), threadId: newId(), ...base, ...input };
		const thread: Thread = { type: 'thread', id: mark.threadId, ...base, markId: mark.id, page: input.page, time: input.time, ...openThread };
		this.markup.undo.stopCapturing();
		this.markup.write(() => {
			this.markup.stores.mark.set(mark.id, mark);
			this.markup.stores.thread.set(thread.id, thread);
		});
		this.markup.undo.stopCapturing();
		return mark;
	}

	updateMark(id: string, patch: Partial<Pick<Mark, 'box' | 'points' | 'color' | 'stroke' | 'rects'>>) {
		const m = this.markup.get('mark', id);
		if (!m || m.author !== this.me.id) return;
		this.markup.put({ ...m, ...patch, ...this.#stamp() });
	}

	/** Removes one's own mark; its thread goes too unless others have replied in it. */
	deleteMark(id: string) {
		const m = this.markup.get('mark', id);
		if (!m || m.author !== this.me.id) return false;
		const thread = this.markup.get('thread', m.threadId);
		const replies = this.markup.all('comment').filter((c) => c.threadId === m.threadId);
		const othersReplied = replies.some((c) => c.author !== this.me.id);
		this.markup.undo.stopCapturing();
		this.markup.write(() => {
			this.markup.stores.mark.delete(id);
			if (!thread) return;
			if (othersReplied || thread.author !== this.me.id) {
				if (thread.author === this.me.id) this.markup.stores.thread.set(thread.id, { ...thread, markId: null, ...this.#stamp() });
				return;
			}
			for (const c of replies) this.markup.stores.comment.delete(c.id);
			this.markup.stores.thread.delete(thread.id);
		});
		this.markup.undo.stopCapturing();
		return true;
	}

	/** A general comment, not tied to a mark. */
	addGeneralThread(page: number, time: number | null, body: string, mentions: string[], attachmentId: string | null = null) {
		const at = new Date().toISOString();
		const thread: Thread = { type: 'thread', id: newId(), author: this.me.id, authorName: this.me.name, by: this.me.id, createdAt: at, updatedAt: at, markId: null, page, time, ...openThread };
		this.markup.undo.stopCapturing();
		this.markup.write(() => {
			this.markup.stores.thread.set(thread.id, thread);
			this.#comment(thread.id, body, mentions, attachmentId);
		});
		return thread;
	}

	addComment(threadId: string, body: string, mentions: string[], attachmentId: string | null = null) {
		this.markup.undo.stopCapturing();
		this.markup.write(() => this.#comment(threadId, body, mentions, attachmentId));
	}

	#comment(threadId: string, body: string, mentions: string[], attachmentId: string | null) {
		const at = new Date().toISOString();
		const c: Comment = { type: 'comment', id: newId(), threadId, body, mentions, attachmentId, author: this.me.id, authorName: this.me.name, by: this.me.id, createdAt: at, updatedAt: at, editedAt: null, deleted: false };
		this.markup.stores.comment.set(c.id, c);
	}

	editComment(id: string, body: string, mentions: string[]) {
		const c = this.markup.get('comment', id);
		if (!c || c.author !== this.me.id) return;
		const stamp = this.#stamp();
		this.markup.put({ ...c, body, mentions, editedAt: stamp.updatedAt, ...stamp });
	}

	deleteComment(id: string) {
		const c = this.markup.get('comment', id);
		if (!c || c.author !== this.me.id) return;
		this.markup.put({ ...c, body: '', mentions: [], attachmentId: null, deleted: true, ...this.#stamp() });
	}

	setResolved(threadId: string, resolved: boolean) {
		const t = this.markup.get('thread', threadId);
		if (!t || t.resolved === resolved) return;
		const stamp = this.#stamp();
		this.markup.put({ ...t, resolved, resolvedBy: resolved ? this.me.id : null, resolvedAt: resolved ? stamp.updatedAt : null, ...stamp });
	}

	/** The creator's answer to a note carried from the version before: addressed here or not (null clears it). */
	setAddressed(threadId: string, addressed: boolean | null) {
		const t = this.markup.get('thread', threadId);
		if (!t || !t.carriedFrom || t.addressed === addressed) return;
		const stamp = this.#stamp();
		this.markup.put({ ...t, addressed, addressedBy: addressed === null ? null : this.me.id, addressedAt: addressed === null ? null : stamp.updatedAt, ...stamp });
	}

	#wentOffline = () => {
		this.online = false;
		this.provider.disconnect();
	};
	#cameOnline = () => {
		if (!this.refused) void this.provider.connect();
	};

	undo = () => void this.markup.undo.undo();
	redo = () => void this.markup.undo.redo();

	destroy() {
		this.#unfollow();
		this.provider.destroy();
		void this.#local?.destroy();
		this.markup.destroy();
		this.doc.destroy();
	}
}
