import * as Y from 'yjs';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { IndexeddbPersistence } from 'y-indexeddb';
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { Placeholder } from '@tiptap/extensions';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { BODY_FIELD, briefDocName } from '#lib/shared/brief-doc.ts';
import { collabTicket, collabUrl, colourFor, followNetwork, presentUsers } from '#lib/client/collab.ts';
import type { Me, Peer, RoomOptions } from '#lib/review/room.svelte.ts';

export const FORMATS = ['bold', 'italic', 'h2', 'h3', 'bulletList', 'orderedList', 'link'] as const;
export type BodyFormat = (typeof FORMATS)[number];
const NONE = Object.fromEntries(FORMATS.map((f) => [f, false])) as Record<BodyFormat, boolean>;

/** What the status line says: one state at a time, the most pressing first. */
export type BodyState = 'denied' | 'offline' | 'connecting' | 'saving' | 'unsaved' | 'saved' | 'view-only';

/** A collaborator's caret: the extension sanitises the colour (#rrggbb or transparent); the name goes in as text. */
function caret(user: Record<string, unknown>) {
	const el = document.createElement('span');
	el.className = 'pointer-events-none relative -mx-px border-x border-solid break-normal';
	el.style.borderColor = String(user.color);
	const label = document.createElement('span');
	label.className = 'absolute -top-[1.4em] -left-px rounded-sm rounded-bl-none px-1 text-xs leading-normal font-medium whitespace-nowrap text-white select-none';
	label.style.backgroundColor = String(user.color);
	label.textContent = String(user.name ?? 'Someone');
	el.append(label);
	return el;
}

/**
 * The live-edited body of one brief as the browser sees it: the Yjs document `brief:{id}`
 * over /collab (ticket auth, as the review room), kept in IndexedDB so a dropped connection
 * loses nothing, a Tiptap editor bound to its `body` fragment, and presence through
 * awareness (avatars and named carets). Writing needs both the page's say-so (`editable`)
 * and a writable connection; the server can take the latter away while the page is open.
 */
export class BriefBodySession {
	readonly doc = new Y.Doc();
	readonly provider: HocuspocusProvider;
	readonly me: Me & { color: string };
	#local: IndexeddbPersistence | null = null;
	#unfollow: () => void;
	// Tiptap's editor is a mutable object with its own events: never $state.
	#editor: Editor | null = null;
	#wanted: boolean;
	#serverWrites = $state(false);

	online = $state(false);
	synced = $state(false);
	/** Changes made here that the server has not confirmed yet. */
	unsynced = $state(false);
	/** Set when the server refuses this person the document (access withdrawn). */
	denied = $state<string | null>(null);
	canWrite = $state(false);
	peers = $state.raw<Peer[]>([]);
	/** Formats at the selection, for the toolbar's pressed buttons. */
	active = $state.raw<Record<BodyFormat, boolean>>(NONE);
	canUndo = $state(false);
	canRedo = $state(false);

	readonly state: BodyState = $derived.by(() => {
		if (this.denied) return 'denied';
		if (!this.online) return 'offline';
		if (!this.synced) return 'connecting';
		// Unconfirmed changes on a read-only connection were refused: say so rather than "Saving…" for ever.
		if (this.unsynced) return this.#serverWrites ? 'saving' : 'unsaved';
		return this.canWrite ? 'saved' : 'view-only';
	});

	constructor(briefId: string, me: Me, opts: RoomOptions & { editable: boolean }) {
		this.me = { ...me, color: colourFor(me.id) };
		this.#wanted = opts.editable;
		const name = briefDocName(briefId);
		if (opts.offline !== false && typeof indexedDB !== 'undefined') this.#local = new IndexeddbPersistence(`loupe:${name}`, this.doc);
		this.provider = new HocuspocusProvider({
			url: opts.url ?? collabUrl(),
			name,
			document: this.doc,
			token: opts.token ?? collabTicket,
			onAuthenticated: ({ scope }) => {
				this.denied = null;
				this.#serverWrites = scope === 'read-write';
				this.#applyAccess();
			},
			onAuthenticationFailed: ({ reason }) => this.#deny(reason),
			onSynced: () => (this.synced = true),
			onStatus: ({ status }) => (this.online = status === 'connected'),
			onUnsyncedChanges: ({ number }) => (this.unsynced = number > 0),
			// The server closes this document (not the socket) when the person's access goes.
			onClose: ({ event }) => {
				if (event.reason === 'Forbidden') this.#deny(event.reason);
				else if (event.reason?.startsWith('Change refused')) {
					// The refused change would be offered again on every reconnect; drop the local copy.
					this.#deny(event.reason);
					this.provider.destroy();
					void this.#local?.clearData();
				}
			},
			// A role or status change turns an open connection read-only (or writable) in place.
			onStateless: ({ payload }) => {
				try {
					const msg = JSON.parse(payload) as { type?: string; readOnly?: unknown };
					if (msg.type !== 'access' || typeof msg.readOnly !== 'boolean') return;
					this.#serverWrites = !msg.readOnly;
					this.#applyAccess();
				} catch {
					// Not ours: other stateless messages pass by.
				}
			},
			onAwarenessChange: () => (this.peers = presentUsers(this.provider).map(({ state: _state, ...u }) => ({ ...u, cursor: null, view: null, presenting: false })))
		});
		this.provider.setAwarenessField('user', { id: me.id, name: me.name, color: this.me.color });
		this.#unfollow = followNetwork(this.#wentOffline, this.#cameOnline);
	}

	/** Puts the editor into `element`; call once, in the browser. */
	mount(element: HTMLElement) {
		this.#editor = new Editor({
			element,
			editable: this.canWrite,
			extensions: [
				// Collaboration brings its own undo (this person's changes only); the trailing
				// paragraph plugin would have every client append one at once.
				StarterKit.configure({ undoRedo: false, trailingNode: false, heading: { levels: [2, 3] }, link: { openOnClick: false, autolink: true } }),
				Placeholder.configure({ placeholder: () => (this.canWrite ? 'Write the brief: background, what the work must do, anything reviewers should know…' : '') }),
				Collaboration.configure({ document: this.doc, field: BODY_FIELD }),
				CollaborationCaret.configure({ provider: this.provider, user: { id: this.me.id, name: this.me.name, color: this.me.color }, render: caret })
			],
			editorProps: { attributes: { 'aria-label': 'Brief body', 'aria-multiline': 'true', role: 'textbox' } }
		});
		this.#editor.on('transaction', this.#readSelection);
		this.#applyAccess();
	}

	set editable(on: boolean) {
		this.#wanted = on;
		this.#applyAccess();
	}

	toggle(format: Exclude<BodyFormat, 'link'>) {
		const chain = this.#editor?.chain().focus();
		if (!chain) return;
		if (format === 'bold') chain.toggleBold().run();
		else if (format === 'italic') chain.toggleItalic().run();
		else if (format === 'h2') chain.toggleHeading({ level: 2 }).run();
		else if (format === 'h3') chain.toggleHeading({ level: 3 }).run();
		else if (format === 'bulletList') chain.toggleBulletList().run();
		else chain.toggleOrderedList().run();
	}

	/**
	 * Links the selection, or changes the link the caret is in; with nothing linkable
	 * selected, puts the address itself in, linked. Web and mail addresses only (false otherwise).
	 */
	setLink(href: string): boolean {
		const e = this.#editor;
		const url = /^[a-z][a-z0-9+.-]*:/i.test(href) ? href : `https://${href}`;
		if (!e || !/^(https?:\/\/|mailto:)\S+$/i.test(url)) return false;
		const { empty } = e.state.selection;
		if ((!empty || e.isActive('link')) && e.can().setLink({ href: url })) return e.chain().focus().extendMarkRange('link').setLink({ href: url }).run();
		// Inserted after the selection, never over it: a selection across blocks holds no text to link.
		return e
			.chain()
			.focus()
			.setTextSelection(e.state.selection.to)
			.insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href: url } }] })
			.run();
	}

	unsetLink() {
		this.#editor?.chain().focus().extendMarkRange('link').unsetLink().run();
	}

	/** The link under the caret, to prefill the link form. */
	currentLink(): string {
		return (this.#editor?.getAttributes('link').href as string | undefined) ?? '';
	}

	undo = () => void this.#editor?.commands.undo();
	redo = () => void this.#editor?.commands.redo();

	#applyAccess() {
		this.canWrite = this.#wanted && this.#serverWrites && !this.denied;
		if (this.#editor && this.#editor.isEditable !== this.canWrite) this.#editor.setEditable(this.canWrite, false);
		this.#readSelection();
	}

	#deny(reason: string) {
		this.denied = reason;
		this.#applyAccess();
	}

	#readSelection = () => {
		const e = this.#editor;
		if (!e) return;
		this.active = {
			bold: e.isActive('bold'),
			italic: e.isActive('italic'),
			h2: e.isActive('heading', { level: 2 }),
			h3: e.isActive('heading', { level: 3 }),
			bulletList: e.isActive('bulletList'),
			orderedList: e.isActive('orderedList'),
			link: e.isActive('link')
		};
		this.canUndo = this.canWrite && e.can().undo();
		this.canRedo = this.canWrite && e.can().redo();
	};

	#wentOffline = () => {
		this.online = false;
		this.provider.disconnect();
	};
	#cameOnline = () => {
		if (!this.denied) void this.provider.connect();
	};

	destroy() {
		this.#unfollow();
		// The caret plugin unhooks itself from the provider's awareness: editor first.
		this.#editor?.destroy();
		this.#editor = null;
		this.provider.destroy();
		void this.#local?.destroy();
		this.doc.destroy();
	}
}
