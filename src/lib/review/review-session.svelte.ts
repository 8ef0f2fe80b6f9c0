import { untrack } from 'svelte';
import type { Mark } from '#lib/shared/markup.ts';
import type { DraftMark, MarkupStage, Tool } from './stage.ts';
import { ReviewRoom, type Me, type Peer, type RoomOptions } from './room.svelte.ts';
import { Playback } from './playback.svelte.ts';
import { PdfPages } from './pdf-pages.svelte.ts';
import { drawWaveform } from './waveform.ts';
import { TOOLS } from './tools.ts';

export type ProofKind = 'image' | 'pdf' | 'video' | 'audio';
export type ProofVersion = {
	id: string;
	kind: ProofKind;
	fileUrl: string;
	renditions: { name: string; url: string }[];
	metadata: { duration?: number; video?: { fps?: number | null }; peaks?: number[] };
};

const TOOL_KEYS: Record<string, Tool> = Object.fromEntries(TOOLS.map((t) => [t.key.toLowerCase(), t.id]));

/**
 * One person's session in a review room: the live document (ReviewRoom), the canvas, the
 * page or playhead, the tool, the selection and follow mode. The page component only binds
 * elements and renders what this holds.
 */
export class ReviewSession {
	readonly version: ProofVersion;
	readonly me: Me;
	readonly playback: Playback;
	readonly pdf = new PdfPages();
	readonly #roomOptions: RoomOptions;

	room = $state<ReviewRoom | null>(null);
	stage = $state<MarkupStage | null>(null);
	tool = $state<Tool>('select');
	color = $state('#e5484d');
	stroke = $state(0.004);
	selected = $state<string | null>(null);
	composing = $state(false);
	helpOpen = $state(false);
	panelOpen = $state(false);
	presenting = $state(false);
	/** The presenter this person stopped following (by awareness client id). */
	dismissed = $state<number | null>(null);
	/** Bumped whenever the view changes, so HTML overlays re-read the stage's transform. */
	viewTick = $state(0);
	loadError = $state<string | null>(null);

	readonly canWrite = $derived(!!this.room?.canWrite && !this.room?.refused);
	readonly threads = $derived(this.room?.threads ?? []);
	readonly marks = $derived(this.room?.marks ?? []);
	/** Thread numbers in order of creation: what pins and the list show. */
	readonly numbers = $derived(new Map([...this.threads].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((t, i) => [t.id, i + 1])));
	readonly presenter = $derived(this.room?.peers.find((p) => p.presenting) ?? null);
	readonly following = $derived(this.presenter && this.dismissed !== this.presenter.clientId && !this.presenting ? this.presenter : null);

	constructor(version: ProofVersion, me: Me, roomOptions: RoomOptions = {}) {
		this.version = version;
		this.me = me;
		this.#roomOptions = roomOptions;
		const fps = version.metadata.video?.fps && version.metadata.video.fps > 0 ? version.metadata.video.fps : 25;
		this.playback = new Playback(fps, () => this.stage?.redraw());

		$effect(() => {
			const stage = this.stage;
			if (!stage) return;
			stage.readOnly = !this.canWrite;
			stage.setTool(this.canWrite ? this.tool : 'select');
			stage.color = this.color;
			stage.stroke = this.stroke;
		});
		// Page, frame or numbering changed: show the marks that belong here now.
		$effect(() => {
			void this.pdf.page;
			void this.playback.time;
			void this.playback.playing;
			void this.numbers;
			this.stage?.refresh();
		});
		$effect(() => {
			void this.viewTick;
			if (this.kind === 'pdf') untrack(() => this.pdf.zoomed());
		});
		// Follow a presenter: their page, playhead and view.
		$effect(() => {
			const v = this.following?.view;
			if (!v || !this.stage) return;
			untrack(() => {
				if (this.kind === 'pdf' && v.page !== this.pdf.page) void this.pdf.show(v.page);
				const t = this.playback.time;
				if (this.timed && v.time !== null && t !== null && Math.abs(v.time - t) > 0.5 / this.playback.fps) this.playback.seek(v.time);
				this.stage!.setView({ zoom: v.zoom, cx: v.cx, cy: v.cy }, false);
				this.viewTick++;
			});
		});
		// Presenters also share page turns and the playhead.
		$effect(() => {
			void this.pdf.page;
			void this.playback.time;
			if (this.presenting) untrack(() => this.#announce());
		});
	}

	get kind() {
		return this.version.kind;
	}

	get timed() {
		return this.kind === 'video' || this.kind === 'audio';
	}

	get page() {
		return this.kind === 'pdf' ? this.pdf.page : 1;
	}

	/** Whether a mark shows now: its page, and for video its frame while paused. */
	visible = (m: Mark) => m.page === this.page && (this.kind !== 'video' || this.playback.showsFrameOf(m.time));

	/** Connects the room and builds the canvas in `host`; returns the clean-up. */
	mount(host: HTMLElement) {
		const room = new ReviewRoom(this.version.id, this.me, this.#roomOptions);
		this.room = room;
		let stage: MarkupStage | null = null;
		let offChange = () => {};
		let cancelled = false;
		void import('./stage.ts').then(({ MarkupStage }) => {
			if (cancelled) return;
			stage = new MarkupStage(host, {
				visible: this.visible,
				editable: (m) => m.author === this.me.id,
				label: (m) => String(this.numbers.get(m.threadId) ?? ''),
				onCreate: (draft) => this.create(draft),
				onChange: (id, patch) => room.updateMark(id, patch),
				onSelect: (id) => this.selectThread((id && room.markup.get('mark', id)?.threadId) || null, false),
				onPointer: (p) => room.setCursor(p ? { ...p, page: this.page } : null),
				onView: () => {
					this.viewTick++;
					if (this.presenting) this.#announce();
				}
			});
			this.stage = stage;
			offChange = room.onChange((changes) => {
				for (const c of changes) {
					if (c.type !== 'mark') continue;
					const m = room.markup.get('mark', c.key);
					if (m) stage!.upsert(m);
					else stage!.remove(c.key);
				}
				stage!.redraw();
			});
			stage.setMarks(room.markup.all('mark'));
			void this.#loadProof(stage);
		});
		return () => {
			cancelled = true;
			offChange();
			stage?.destroy();
			room.destroy();
			this.pdf.destroy();
		};
	}

	async #loadProof(stage: MarkupStage) {
		try {
			const { version, playback } = this;
			if (this.kind === 'pdf') {
				await this.pdf.open(version.fileUrl, stage);
			} else if (this.kind === 'video' && playback.el instanceof HTMLVideoElement) {
				const v = playback.el;
				if (v.readyState < 2) await new Promise((r) => v.addEventListener('loadeddata', r, { once: true }));
				playback.duration = v.duration;
				playback.time = 0;
				stage.setBackground(v, v.videoWidth, v.videoHeight);
			} else if (this.kind === 'audio') {
				playback.duration = version.metadata.duration ?? 0;
				playback.time = 0;
				const canvas = drawWaveform(version.metadata.peaks ?? [], 2000, 400);
				stage.setBackground(canvas, canvas.width, canvas.height);
			} else {
				const r = version.renditions.find((x) => x.name === 'preview') ?? version.renditions.find((x) => x.name === 'preview-jpeg') ?? version.renditions[0];
				if (!r) throw new Error('This version has no preview yet.');
				const img = new Image();
				img.src = r.url;
				await img.decode();
				stage.setBackground(img, img.naturalWidth, img.naturalHeight);
			}
		} catch (e) {
			this.loadError = e instanceof Error ? e.message : String(e);
		}
	}

	goPage = (n: number) => {
		if (n === this.pdf.page) return;
		this.stage?.select(null);
		void this.pdf.show(n);
	};

	/** A new mark (with its thread) from the canvas, on this page and frame. */
	create(draft: DraftMark) {
		if (!this.room) return;
		let at: number | null = null;
		if (this.kind === 'video') {
			this.playback.el?.pause();
			at = this.playback.frameTime;
		} else if (this.kind === 'audio') {
			const d = this.playback.duration;
			at = Math.max(0, Math.min(d, draft.box.x * d));
		}
		const mark = this.room.addMark({ ...draft, page: this.page, time: at });
		// Where the comments cover the proof (tablets in portrait), only a pin opens them: a
		// reviewer drawing several strokes should not have to close the panel after each.
		this.selectThread(mark.threadId, true, draft.kind === 'pin' || matchMedia('(min-width: 1024px)').matches);
		// A pin is a comment: keep the pin tool for the next one; shapes go back to selecting.
		if (draft.kind !== 'pin' && draft.kind !== 'pen' && draft.kind !== 'highlight') this.tool = 'select';
	}

	/** Selects a thread (and its mark); `reveal` turns to its page or frame. */
	selectThread = (threadId: string | null, reveal = true, openPanel = true) => {
		this.selected = threadId;
		if (threadId && openPanel) this.panelOpen = true;
		const t = threadId ? this.room?.markup.get('thread', threadId) : undefined;
		if (!t) {
			this.stage?.select(null);
			return;
		}
		if (reveal) {
			if (this.kind === 'pdf' && t.page !== this.pdf.page) void this.pdf.show(t.page);
			if (this.kind === 'video' && t.time !== null) this.playback.seek(t.time + 0.5 / this.playback.fps);
		}
		queueMicrotask(() => this.stage?.select(t.markId));
	};

	deleteSelected() {
		const id = this.stage?.selected;
		if (id && this.room?.deleteMark(id)) this.selected = null;
	}

	/** Turns the text selected on a PDF page into a highlight mark. */
	finishHighlight = () => {
		const stage = this.stage;
		if (this.tool !== 'highlight' || !stage || !this.canWrite) return;
		const sel = window.getSelection();
		if (!sel || sel.isCollapsed || !sel.rangeCount) return;
		const text = sel.toString().trim().slice(0, 5000);
		const box = stage.stage.container().getBoundingClientRect();
		const rects = [...sel.getRangeAt(0).getClientRects()]
			.filter((r) => r.width > 1 && r.height > 1)
			.slice(0, 500)
			.map((r) => {
				const a = stage.toPage({ x: r.left - box.left, y: r.top - box.top });
				const b = stage.toPage({ x: r.right - box.left, y: r.bottom - box.top });
				return { x: a.x, y: a.y, w: b.x - a.x, h: b.y - a.y };
			});
		sel.removeAllRanges();
		if (!rects.length || !text) return;
		const x = Math.min(...rects.map((r) => r.x));
		const y = Math.min(...rects.map((r) => r.y));
		const w = Math.max(...rects.map((r) => r.x + r.w)) - x;
		const h = Math.max(...rects.map((r) => r.y + r.h)) - y;
		this.create({ kind: 'highlight', box: { x, y, w, h }, points: [], pressure: [], rects, text, color: this.color === '#e5484d' ? '#ffc53d' : this.color, stroke: this.stroke });
	};

	togglePresent = () => {
		this.presenting = !this.presenting;
		this.room?.setPresenting(this.presenting);
		if (this.presenting) this.#announce();
	};

	#announce() {
		if (this.stage) this.room?.setView({ ...this.stage.view(), page: this.page, time: this.playback.time });
	}

	/** Page-wide shortcuts; the help sheet lists them (tools.ts). */
	keydown = (e: KeyboardEvent) => {
		const el = e.target as HTMLElement | null;
		if (el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))) return;
		if (this.helpOpen) return;
		const key = e.key.toLowerCase();
		if ((e.ctrlKey || e.metaKey) && (key === 'z' || key === 'y')) {
			e.preventDefault();
			if (key === 'y' || e.shiftKey) this.room?.redo();
			else this.room?.undo();
			return;
		}
		if (e.ctrlKey || e.metaKey || e.altKey) return;
		const tool = TOOL_KEYS[key];
		if (tool && (tool !== 'highlight' || this.kind === 'pdf') && (this.canWrite || tool === 'select')) {
			this.tool = tool;
			return;
		}
		const d = e.key === 'ArrowLeft' ? -1 : 1;
		const actions: Record<string, () => void> = {
			Delete: () => this.deleteSelected(),
			Backspace: () => this.deleteSelected(),
			Escape: () => ((this.tool = 'select'), this.selectThread(null)),
			'+': () => this.stage?.zoomBy(1.25),
			'=': () => this.stage?.zoomBy(1.25),
			'-': () => this.stage?.zoomBy(0.8),
			'0': () => this.stage?.fit(),
			'?': () => (this.helpOpen = true),
			k: () => this.playback.toggle(),
			K: () => this.playback.toggle(),
			n: () => this.#compose(e),
			N: () => this.#compose(e),
			ArrowLeft: () => this.#step(d),
			ArrowRight: () => this.#step(d)
		};
		actions[e.key]?.();
	};

	#compose(e: KeyboardEvent) {
		if (!this.canWrite) return;
		e.preventDefault();
		this.composing = true;
		this.panelOpen = true;
	}

	#step(d: number) {
		if (this.kind === 'pdf') this.goPage(this.pdf.page + d);
		else if (this.kind === 'video') this.playback.step(d);
		else if (this.kind === 'audio' && this.playback.time !== null) this.playback.seek(this.playback.time + d * 5);
	}

	/** Others' cursors on this page, at their stage positions. */
	cursors(): (Peer & { at: { x: number; y: number } })[] {
		void this.viewTick;
		const stage = this.stage;
		if (!stage || !this.room) return [];
		return this.room.peers.filter((p) => p.cursor && p.cursor.page === this.page).map((p) => ({ ...p, at: stage.toStage(p.cursor!) }));
	}

	/** Where the page sits on screen, for HTML overlays (the PDF text layer, the audio playhead). */
	overlay() {
		void this.viewTick;
		const stage = this.stage;
		if (!stage) return null;
		const o = stage.toStage({ x: 0, y: 0 });
		return { x: o.x, y: o.y, scale: stage.scale, width: stage.pageSize.width, height: stage.pageSize.height };
	}

	zoom() {
		void this.viewTick;
		return this.stage?.zoom ?? 1;
	}
}
