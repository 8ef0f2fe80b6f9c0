// Versions still being processed, polled until the server says ready or failed, so a card
// or the asset page flips from "Processing…" to its thumbnail without a reload.
import { SvelteMap } from 'svelte/reactivity';
import { ApiError, getVersion } from './api-client.ts';
import type { VersionJson } from './library-types.ts';

export class VersionWatch {
	readonly #known = new SvelteMap<string, VersionJson>();
	readonly #pending = new Set<string>();
	readonly #interval: number;
	readonly #fetch: (id: string) => Promise<VersionJson>;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#stopped = false;

	constructor(opts: { interval?: number; fetch?: (id: string) => Promise<VersionJson> } = {}) {
		this.#interval = opts.interval ?? 1500;
		this.#fetch = opts.fetch ?? getVersion;
	}

	/** The latest state seen for a version, if it was ever watched. */
	get(id: string | null | undefined): VersionJson | undefined {
		return id ? this.#known.get(id) : undefined;
	}

	/** Polls `id` while it is processing; `known` is what the caller already has. */
	watch(id: string, known?: VersionJson) {
		if (known) this.#known.set(id, known);
		const status = (known ?? this.#known.get(id))?.status;
		if (status && status !== 'processing') return;
		if (this.#pending.has(id)) return;
		this.#pending.add(id);
		this.#schedule();
	}

	destroy() {
		this.#stopped = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#pending.clear();
	}

	#schedule() {
		if (this.#timer || this.#stopped || !this.#pending.size) return;
		this.#timer = setTimeout(() => void this.#tick(), this.#interval);
	}

	async #tick() {
		await Promise.all(
			[...this.#pending].map(async (id) => {
				try {
					const v = await this.#fetch(id);
					this.#known.set(id, v);
					if (v.status !== 'processing') this.#pending.delete(id);
				} catch (e) {
					// Gone (deleted, or access lost): nothing more to wait for.
					if (e instanceof ApiError && (e.status === 404 || e.status === 403)) this.#pending.delete(id);
				}
			})
		);
		this.#timer = null;
		this.#schedule();
	}
}
