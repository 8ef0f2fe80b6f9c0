import type { AuditEventView } from '#lib/shared/audit-words.ts';

type Page = { items: AuditEventView[]; nextCursor: string | null };

/**
 * An activity feed that grows downwards: the page load gives the newest events, "Load more"
 * fetches older pages from GET /api/v1/audit with the same filters and the cursor.
 */
export class ActivityFeed {
	items = $state.raw<AuditEventView[]>([]);
	next = $state<string | null>(null);
	busy = $state(false);
	error = $state<string | null>(null);
	readonly #query: Record<string, string>;

	constructor(first: Page, query: Record<string, string | undefined>) {
		this.items = first.items;
		this.next = first.nextCursor;
		this.#query = Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => !!e[1]));
	}

	async more() {
		if (!this.next || this.busy) return;
		this.busy = true;
		this.error = null;
		try {
			const res = await fetch(`/api/v1/audit?${new URLSearchParams({ ...this.#query, cursor: this.next, limit: '50' })}`, { headers: { accept: 'application/json' } });
			const body = (await res.json().catch(() => null)) as (Page & { error?: { message: string } }) | null;
			if (!res.ok || !body) throw new Error(body?.error?.message ?? `The server answered ${res.status}.`);
			const seen = new Set(this.items.map((e) => e.seq));
			this.items = [...this.items, ...body.items.filter((e) => !seen.has(e.seq))];
			this.next = body.nextCursor;
		} catch (e) {
			this.error = e instanceof Error ? e.message : String(e);
		} finally {
			this.busy = false;
		}
	}
}
