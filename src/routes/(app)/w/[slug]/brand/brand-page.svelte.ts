// The portal page's state: whether a manager is editing, which section is open in the
// editor (one at a time), and the reorder/delete calls with their errors.
import { refreshAll } from '$app/navigation';
import type { BrandKind, BrandSectionJson } from '#lib/shared/brand.ts';
import { deleteSection, orderSections } from './brand-api.ts';

/** What the editor has open: an existing section, or a new one of a kind. */
export type Open = { section: BrandSectionJson } | { kind: BrandKind } | null;

export class BrandPage {
	editing = $state(false);
	open = $state.raw<Open>(null);
	/** The section waiting for "Delete?" to be confirmed. */
	confirming = $state.raw<BrandSectionJson | null>(null);
	busy = $state(false);
	error = $state<string | null>(null);
	readonly #workspaceId: string;

	constructor(workspaceId: string) {
		this.#workspaceId = workspaceId;
	}

	toggleEditing() {
		this.editing = !this.editing;
		if (!this.editing) this.open = null;
		this.error = null;
	}

	edit(section: BrandSectionJson) {
		this.editing = true;
		this.open = { section };
		this.error = null;
	}

	add(kind: BrandKind) {
		this.editing = true;
		this.open = { kind };
		this.error = null;
	}

	isOpen = (id: string) => !!this.open && 'section' in this.open && this.open.section.id === id;

	/** After a save the page reloads the portal, then shows the section that changed. */
	async saved(id: string) {
		this.open = null;
		await refreshAll();
		document.getElementById(`s-${id}`)?.scrollIntoView({ block: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
	}

	async move(sections: BrandSectionJson[], id: string, by: -1 | 1) {
		const ids = sections.map((s) => s.id);
		const from = ids.indexOf(id);
		const to = from + by;
		if (from === -1 || to < 0 || to >= ids.length) return;
		[ids[from], ids[to]] = [ids[to]!, ids[from]!];
		await this.#run(() => orderSections(this.#workspaceId, ids));
	}

	async remove() {
		const s = this.confirming;
		this.confirming = null;
		if (!s) return;
		if (this.isOpen(s.id)) this.open = null;
		await this.#run(() => deleteSection(s.id));
	}

	async #run(fn: () => Promise<unknown>) {
		this.busy = true;
		this.error = null;
		try {
			await fn();
			await refreshAll();
		} catch (e) {
			this.error = e instanceof Error ? e.message : String(e);
			// Someone else may have changed the sections meanwhile: show what is there now.
			await refreshAll();
		} finally {
			this.busy = false;
		}
	}
}
