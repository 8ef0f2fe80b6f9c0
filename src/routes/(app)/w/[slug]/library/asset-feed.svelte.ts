// The cards of one library query: the first page from the page load, later pages fetched
// as the end of the grid scrolls into view. A new query (filters, search) makes a new feed.
import { getJson } from './api-client.ts';
import type { AssetCard, CardPage } from './library-types.ts';

export class AssetFeed {
	items = $state.raw<AssetCard[]>([]);
	nextCursor = $state<string | null>(null);
	loading = $state(false);
	error = $state<string | null>(null);
	readonly #pageUrl: (cursor: string) => string;

	constructor(first: CardPage, pageUrl: (cursor: string) => string) {
		this.items = first.items;
		this.nextCursor = first.nextCursor;
		this.#pageUrl = pageUrl;
	}

	readonly ids = $derived(this.items.map((a) => a.id));

	async loadMore() {
		if (this.loading || !this.nextCursor) return;
		this.loading = true;
		this.error = null;
		try {
			const page = await getJson<CardPage>(this.#pageUrl(this.nextCursor));
			const seen = new Set(this.ids);
			this.items = [...this.items, ...page.items.filter((a) => !seen.has(a.id))];
			this.nextCursor = page.nextCursor;
		} catch (e) {
			this.error = e instanceof Error ? e.message : String(e);
		} finally {
			this.loading = false;
		}
	}

	prepend(card: AssetCard) {
		this.items = [card, ...this.items.filter((a) => a.id !== card.id)];
	}

	patch(id: string, change: Partial<AssetCard>) {
		this.items = this.items.map((a) => (a.id === id ? { ...a, ...change } : a));
	}

	remove(ids: Iterable<string>) {
		const gone = new Set(ids);
		this.items = this.items.filter((a) => !gone.has(a.id));
	}
}
