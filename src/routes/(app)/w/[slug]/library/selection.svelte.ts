import { SvelteSet } from 'svelte/reactivity';

/** Which cards are selected; a shift-click extends from the last plain click, as in a file manager. */
export class Selection {
	readonly ids = new SvelteSet<string>();
	#anchor: string | null = null;

	readonly size = $derived(this.ids.size);
	has = (id: string) => this.ids.has(id);

	/** `order` is the cards as shown, for ranges. */
	toggle(id: string, order: readonly string[], range = false) {
		const from = this.#anchor ? order.indexOf(this.#anchor) : -1;
		const to = order.indexOf(id);
		if (range && from >= 0 && to >= 0) {
			const on = !this.ids.has(id) || this.ids.has(this.#anchor!);
			for (const other of order.slice(Math.min(from, to), Math.max(from, to) + 1)) {
				if (on) this.ids.add(other);
				else this.ids.delete(other);
			}
		} else if (this.ids.has(id)) {
			this.ids.delete(id);
		} else {
			this.ids.add(id);
		}
		this.#anchor = id;
	}

	selectAll(ids: readonly string[]) {
		for (const id of ids) this.ids.add(id);
	}

	/** Drops ids no longer shown (deleted, filtered away). */
	keepOnly(ids: readonly string[]) {
		const keep = new Set(ids);
		for (const id of [...this.ids]) if (!keep.has(id)) this.ids.delete(id);
	}

	clear() {
		this.ids.clear();
		this.#anchor = null;
	}
}
