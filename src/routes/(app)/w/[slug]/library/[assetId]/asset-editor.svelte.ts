// Inline edits of one asset's title, description, status and tags, saved as they are made.
import { ApiError, patchAsset, type AssetPatch } from '../api-client.ts';
import type { AssetJson, FieldValue } from '../library-types.ts';

export class AssetEditor {
	asset = $state.raw<AssetJson>() as AssetJson;
	saving = $state(false);
	saved = $state(false);
	error = $state<string | null>(null);
	/** The server's message per input (`status`, `fields.<key>`…) from the last failed save. */
	fieldErrors = $state.raw<Record<string, string>>({});
	#queue: Promise<unknown> = Promise.resolve();

	constructor(asset: AssetJson) {
		this.asset = asset;
	}

	/** Edits are sent one after another, so a quick second edit never races the first. */
	save(patch: AssetPatch): Promise<boolean> {
		const run = this.#queue.then(() => this.#send(patch));
		this.#queue = run;
		return run;
	}

	async #send(patch: AssetPatch): Promise<boolean> {
		this.saving = true;
		this.saved = false;
		this.error = null;
		this.fieldErrors = {};
		try {
			const { versions: _, ...asset } = await patchAsset(this.asset.id, patch);
			this.asset = asset;
			this.saved = true;
			return true;
		} catch (e) {
			this.error = e instanceof Error ? e.message : String(e);
			if (e instanceof ApiError) this.fieldErrors = e.fields;
			return false;
		} finally {
			this.saving = false;
		}
	}

	/** One custom field's value; null (or an empty one) clears it. */
	setField(key: string, value: FieldValue) {
		const empty = value === null || value === '' || (Array.isArray(value) && value.length === 0);
		return this.save({ fields: { [key]: empty ? null : value } });
	}

	addTags(...names: string[]) {
		const clean = names.map((t) => t.trim().toLowerCase()).filter((t) => t && !this.asset.tags.includes(t));
		if (!clean.length) return Promise.resolve(true);
		return this.save({ tags: [...this.asset.tags, ...clean] });
	}

	removeTag(name: string) {
		return this.save({ tags: this.asset.tags.filter((t) => t !== name) });
	}
}
