// The library's uploads: one row per file, each with its own progress, cancel and retry.
// The transport is the only part that knows HTTP, so resumable uploads (tus) can replace
// XHR here without touching the tray or the pages.
import { apiError, ApiError } from './api-client.ts';
import type { UploadedJson } from './library-types.ts';

export type UploadTarget =
	| { kind: 'asset'; workspaceId: string; fields?: Record<string, string> }
	| { kind: 'version'; assetId: string; assetTitle: string };

export type UploadRequest = { file: File; target: UploadTarget; fields: Record<string, string>; onProgress: (loaded: number, total: number) => void };
export type UploadTransport = { send: (req: UploadRequest) => { result: Promise<UploadedJson>; abort: () => void } };

export class UploadCancelled extends Error {}

const endpoint = (t: UploadTarget) =>
	t.kind === 'asset' ? `/api/v1/assets?workspaceId=${encodeURIComponent(t.workspaceId)}` : `/api/v1/assets/${encodeURIComponent(t.assetId)}/versions`;

/** multipart/form-data over XMLHttpRequest, for its upload progress events (fetch has none). */
export const xhrTransport: UploadTransport = {
	send({ file, target, fields, onProgress }) {
		const xhr = new XMLHttpRequest();
		const result = new Promise<UploadedJson>((resolve, reject) => {
			xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
			xhr.onload = () => (xhr.status === 201 || xhr.status === 200 ? resolve(xhr.response as UploadedJson) : reject(apiError(xhr.status, xhr.response)));
			xhr.onerror = () => reject(apiError(0, null));
			xhr.onabort = () => reject(new UploadCancelled('Cancelled'));
		});
		xhr.open('POST', endpoint(target));
		xhr.responseType = 'json';
		xhr.setRequestHeader('accept', 'application/json');
		const form = new FormData();
		for (const [k, v] of Object.entries(fields)) form.append(k, v);
		form.append('file', file, file.name);
		xhr.send(form);
		return { result, abort: () => xhr.abort() };
	}
};

export type UploadState = 'queued' | 'uploading' | 'done' | 'failed' | 'duplicate' | 'cancelled';
const FINISHED: ReadonlySet<UploadState> = new Set(['done', 'failed', 'duplicate', 'cancelled']);

export class UploadItem {
	readonly id: string;
	readonly file: File;
	readonly target: UploadTarget;
	state = $state<UploadState>('queued');
	loaded = $state(0);
	total = $state(0);
	error = $state<string | null>(null);
	/** The asset that already holds these bytes, when the server refused a duplicate. */
	duplicateOf = $state<string | null>(null);
	result = $state.raw<UploadedJson | null>(null);
	allowDuplicate = false;
	abort: (() => void) | null = null;

	readonly progress = $derived(this.state === 'done' ? 1 : this.total > 0 ? Math.min(1, this.loaded / this.total) : 0);
	readonly finished = $derived(FINISHED.has(this.state));

	constructor(id: string, file: File, target: UploadTarget) {
		this.id = id;
		this.file = file;
		this.target = target;
		this.total = file.size;
	}
}

export class UploadQueue {
	items = $state.raw<UploadItem[]>([]);
	readonly active = $derived(this.items.filter((i) => !i.finished));
	readonly failed = $derived(this.items.filter((i) => i.state === 'failed' || i.state === 'duplicate'));
	readonly done = $derived(this.items.filter((i) => i.state === 'done'));
	/** Bytes sent of everything not cancelled, for one bar over the whole batch. */
	readonly overall = $derived.by(() => {
		const counted = this.items.filter((i) => i.state !== 'cancelled');
		const total = counted.reduce((n, i) => n + (i.total || i.file.size), 0);
		const sent = counted.reduce((n, i) => n + (i.state === 'done' ? i.total || i.file.size : i.loaded), 0);
		return total ? sent / total : 0;
	});

	readonly #transport: UploadTransport;
	readonly #concurrency: number;
	#next = 0;
	readonly #listeners = new Set<(item: UploadItem, result: UploadedJson) => void>();

	constructor(opts: { transport?: UploadTransport; concurrency?: number } = {}) {
		this.#transport = opts.transport ?? xhrTransport;
		this.#concurrency = opts.concurrency ?? 3;
	}

	add(files: Iterable<File>, target: UploadTarget): UploadItem[] {
		const added = [...files].map((f) => new UploadItem(`upload-${++this.#next}`, f, target));
		if (!added.length) return added;
		this.items = [...this.items, ...added];
		this.#pump();
		return added;
	}

	cancel(item: UploadItem) {
		if (item.state === 'queued') item.state = 'cancelled';
		else if (item.state === 'uploading') item.abort?.();
	}

	retry(item: UploadItem) {
		if (!item.finished || item.state === 'done') return;
		item.state = 'queued';
		item.error = null;
		item.duplicateOf = null;
		item.loaded = 0;
		this.#pump();
	}

	/** Keeps a second copy of bytes the library already has. */
	uploadAnyway(item: UploadItem) {
		item.allowDuplicate = true;
		this.retry(item);
	}

	dismiss(item: UploadItem) {
		if (!item.finished) this.cancel(item);
		this.items = this.items.filter((i) => i !== item);
	}

	clearFinished() {
		this.items = this.items.filter((i) => !i.finished);
	}

	/** Called once per file the server accepted; returns the unsubscribe. */
	onUploaded(fn: (item: UploadItem, result: UploadedJson) => void): () => void {
		this.#listeners.add(fn);
		return () => this.#listeners.delete(fn);
	}

	destroy() {
		for (const i of this.items) this.cancel(i);
		this.#listeners.clear();
	}

	#pump() {
		let running = this.items.filter((i) => i.state === 'uploading').length;
		for (const item of this.items) {
			if (running >= this.#concurrency) break;
			if (item.state !== 'queued') continue;
			running++;
			void this.#send(item);
		}
	}

	async #send(item: UploadItem) {
		item.state = 'uploading';
		const fields: Record<string, string> = { ...(item.target.kind === 'asset' ? item.target.fields : {}) };
		if (item.allowDuplicate) fields.allowDuplicate = 'true';
		const { result, abort } = this.#transport.send({
			file: item.file,
			target: item.target,
			fields,
			onProgress: (loaded, total) => {
				item.loaded = loaded;
				item.total = total;
			}
		});
		item.abort = abort;
		try {
			const uploaded = await result;
			item.result = uploaded;
			item.state = 'done';
			for (const fn of this.#listeners) fn(item, uploaded);
		} catch (e) {
			if (e instanceof UploadCancelled) {
				item.state = 'cancelled';
			} else if (e instanceof ApiError && e.code === 'conflict' && typeof e.details?.duplicateOf === 'string') {
				item.state = 'duplicate';
				item.duplicateOf = e.details.duplicateOf;
				item.error = e.message;
			} else {
				item.state = 'failed';
				item.error = e instanceof Error ? e.message : String(e);
			}
		} finally {
			item.abort = null;
			this.#pump();
		}
	}
}
