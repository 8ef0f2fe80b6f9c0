// What the bulk bar and the trash do to the cards in view: one request per asset, with
// progress, then the feed is updated in place so loaded pages are kept.
import { invalidate, refreshAll } from '$app/navigation';
import { patchAsset, restoreAsset, trashAsset } from './api-client.ts';
import { BulkRun } from './bulk-run.svelte.ts';
import { statusLabel, type AssetCard, type AssetStatus, type FieldJson } from './library-types.ts';
import type { AssetFeed } from './asset-feed.svelte.ts';
import type { Selection } from './selection.svelte.ts';

const plural = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

export class LibraryActions {
	readonly run = new BulkRun();
	/** The assets the last "Move to trash" took, for Undo. */
	trashed = $state.raw<string[]>([]);
	readonly #feed: () => AssetFeed;
	readonly #selection: Selection;

	constructor(feed: () => AssetFeed, selection: Selection) {
		this.#feed = feed;
		this.#selection = selection;
	}

	addTag = (tag: string) =>
		this.run.run(
			'Tagging',
			[...this.#selection.ids],
			async (id) => {
				const card = this.#feed().items.find((a) => a.id === id);
				if (!card || card.tags.includes(tag)) return;
				const updated = await patchAsset(id, { tags: [...card.tags, tag] });
				this.#feed().patch(id, { tags: updated.tags, updatedAt: updated.updatedAt });
			},
			(ok) => `Tagged ${plural(ok, 'asset')} #${tag}.`
		);

	setStatus = (status: AssetStatus) =>
		this.run.run(
			'Setting status',
			[...this.#selection.ids],
			async (id) => {
				const updated = await patchAsset(id, { status });
				this.#feed().patch(id, { status: updated.status, updatedAt: updated.updatedAt });
			},
			(ok) => `${plural(ok, 'asset')} set to ${statusLabel[status]}.`
		);

	/** One custom field on every selected asset; a multi-select value joins the asset's own. */
	setField = (field: FieldJson, value: string | number) =>
		this.run.run(
			`Setting ${field.label}`,
			[...this.#selection.ids],
			async (id) => {
				const card = this.#feed().items.find((a) => a.id === id);
				const had = card?.fields?.[field.key];
				const next = field.type === 'multiselect' ? [...new Set([...(Array.isArray(had) ? had : []), String(value)])] : value;
				const updated = await patchAsset(id, { fields: { [field.key]: next } });
				this.#feed().patch(id, { fields: updated.fields, updatedAt: updated.updatedAt });
			},
			(ok) => `Set ${field.label} on ${plural(ok, 'asset')}.`
		);

	/** `name` gives the collection's name for the notice; null files the assets nowhere. */
	moveTo = async (collectionId: string | null, name: string | null) => {
		await this.run.run(
			'Moving',
			[...this.#selection.ids],
			async (id) => {
				const updated = await patchAsset(id, { collectionId });
				this.#feed().patch(id, { collectionId: updated.collectionId, updatedAt: updated.updatedAt });
			},
			(ok) => (name ? `Moved ${plural(ok, 'asset')} to ${name}.` : `Took ${plural(ok, 'asset')} out of their collection.`)
		);
		await invalidate('library:taxonomy');
	};

	moveToTrash = async () => {
		this.trashed = [];
		const done = await this.run.run('Moving to trash', [...this.#selection.ids], trashAsset, (ok) => `Moved ${plural(ok, 'asset')} to the trash.`);
		this.#feed().remove(done);
		this.#selection.clear();
		this.trashed = done;
	};

	undoTrash = async () => {
		const ids = this.trashed;
		this.trashed = [];
		await this.run.run('Restoring', ids, restoreAsset, (ok) => `Restored ${plural(ok, 'asset')}.`);
		await refreshAll();
	};

	restoreOne = async (card: AssetCard) => {
		this.trashed = [];
		const done = await this.run.run('Restoring', [card.id], restoreAsset, () => `Restored “${card.title}”.`);
		this.#feed().remove(done);
	};

	/** The failure count and first reason, for the notice after a run. */
	readonly failureNote = $derived(this.run.failures.length ? ` ${plural(this.run.failures.length, 'asset')} could not be changed: ${this.run.failures[0]!.message}` : '');

	dismiss = () => {
		this.run.dismiss();
		this.trashed = [];
	};
}
