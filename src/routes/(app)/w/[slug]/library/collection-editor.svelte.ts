// Creating, renaming and deleting collections from the sidebar: one dialog whose mode says
// which of the three it is, then the page's collections are loaded again.
import { invalidate } from '$app/navigation';
import { createCollection, deleteCollection, updateCollection } from './api-client.ts';
import type { CollectionNode } from './collection-tree.ts';

export type CollectionDialog = { mode: 'create'; parent: CollectionNode | null } | { mode: 'rename'; node: CollectionNode } | { mode: 'delete'; node: CollectionNode };

export class CollectionEditor {
	dialog = $state.raw<CollectionDialog | null>(null);
	busy = $state(false);
	error = $state<string | null>(null);
	readonly #workspaceId: () => string;
	readonly #onDeleted: (id: string) => void;

	constructor(workspaceId: () => string, onDeleted: (id: string) => void) {
		this.#workspaceId = workspaceId;
		this.#onDeleted = onDeleted;
	}

	open = (dialog: CollectionDialog) => {
		this.error = null;
		this.dialog = dialog;
	};
	close = () => {
		if (!this.busy) this.dialog = null;
	};

	/** `name` is ignored when deleting. */
	submit = async (name: string) => {
		const d = this.dialog;
		if (!d || this.busy) return;
		this.busy = true;
		this.error = null;
		try {
			if (d.mode === 'create') await createCollection(this.#workspaceId(), { name: name.trim(), parentId: d.parent?.id ?? null });
			else if (d.mode === 'rename') await updateCollection(d.node.id, { name: name.trim() });
			else await deleteCollection(d.node.id);
			this.dialog = null;
			if (d.mode === 'delete') this.#onDeleted(d.node.id);
			await invalidate('library:taxonomy');
		} catch (e) {
			this.error = e instanceof Error ? e.message : String(e);
		} finally {
			this.busy = false;
		}
	};
}
