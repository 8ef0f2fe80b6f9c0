// The asset picker's search: approved, unexpired library assets by title, the newest
// request winning, and the ones ticked so far (kept across searches).
import type { BrandAssetJson } from '#lib/shared/brand.ts';
import { embeddableAssets } from './brand-api.ts';

export class AssetSearch {
	query = $state('');
	items = $state.raw<BrandAssetJson[]>([]);
	more = $state(false);
	loading = $state(false);
	error = $state<string | null>(null);
	/** Ticked assets by id, in the order they were ticked. */
	picked = $state.raw<Map<string, BrandAssetJson>>(new Map());
	readonly #workspaceId: string;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#request: AbortController | undefined;

	constructor(workspaceId: string) {
		this.#workspaceId = workspaceId;
	}

	/** Results follow typing after a short pause; `delay: 0` searches at once. */
	search(q: string, delay = 250) {
		this.query = q;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.#load(q), delay);
	}

	async #load(q: string) {
		this.#request?.abort();
		const request = (this.#request = new AbortController());
		this.loading = true;
		this.error = null;
		try {
			const page = await embeddableAssets(this.#workspaceId, q, request.signal);
			if (request.signal.aborted) return;
			this.items = page.items;
			this.more = page.more;
		} catch (e) {
			if (request.signal.aborted) return;
			this.error = e instanceof Error ? e.message : String(e);
		} finally {
			if (this.#request === request) this.loading = false;
		}
	}

	toggle(a: BrandAssetJson) {
		const next = new Map(this.picked);
		if (next.has(a.id)) next.delete(a.id);
		else next.set(a.id, a);
		this.picked = next;
	}

	reset() {
		clearTimeout(this.#timer);
		this.#request?.abort();
		this.picked = new Map();
		this.query = '';
		this.items = [];
		this.error = null;
		this.loading = false;
	}
}
