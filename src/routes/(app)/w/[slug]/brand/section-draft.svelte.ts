// One section as it is being written: a new one of a kind, or an existing one's copy.
import type { BrandAssetJson, BrandKind, BrandSectionJson } from '#lib/shared/brand.ts';
import { ApiError } from '../library/api-client.ts';
import { createSection, updateSection, type SectionBody } from './brand-api.ts';

export type ColourRow = { key: number; name: string; hex: string; note: string };

let rowKeys = 0;
const row = (c: { name: string; hex: string; note?: string } = { name: '', hex: '#000000' }): ColourRow => ({ key: ++rowKeys, name: c.name, hex: c.hex, note: c.note ?? '' });

export class SectionDraft {
	readonly kind: BrandKind;
	readonly id: string | null;
	title = $state('');
	body = $state('');
	colours = $state<ColourRow[]>([]);
	assets = $state.raw<BrandAssetJson[]>([]);
	saving = $state(false);
	error = $state<string | null>(null);
	/** The server's message per input (`title`, `colours.2.hex`…) from the last failed save. */
	fieldErrors = $state.raw<Record<string, string>>({});

	constructor(from: { section: BrandSectionJson } | { kind: BrandKind }) {
		if ('section' in from) {
			const s = from.section;
			this.kind = s.kind;
			this.id = s.id;
			this.title = s.title;
			this.body = s.body;
			this.colours = s.colours.map(row);
			this.assets = s.assets;
		} else {
			this.kind = from.kind;
			this.id = null;
			this.colours = from.kind === 'colours' ? [row()] : [];
		}
	}

	addColour() {
		this.colours.push(row());
	}
	removeColour(key: number) {
		this.colours = this.colours.filter((c) => c.key !== key);
	}

	addAssets(items: BrandAssetJson[]) {
		const have = new Set(this.assets.map((a) => a.id));
		this.assets = [...this.assets, ...items.filter((a) => !have.has(a.id))];
	}
	removeAsset(id: string) {
		this.assets = this.assets.filter((a) => a.id !== id);
	}

	/**
	 * Only the kind's own content is sent: the server refuses colours on a text section. Every
	 * colour row goes, blank or not, so the server's `colours.<n>` errors point at the right row.
	 */
	#body(): SectionBody {
		const out: SectionBody = { title: this.title.trim(), body: this.body };
		if (this.kind === 'colours') out.colours = this.colours.map((c) => ({ name: c.name.trim(), hex: c.hex.trim(), ...(c.note.trim() ? { note: c.note.trim() } : {}) }));
		if (this.kind === 'assets') out.assetIds = this.assets.map((a) => a.id);
		return out;
	}

	/** The saved section's id, or null with the error shown. */
	async save(workspaceId: string): Promise<string | null> {
		this.saving = true;
		this.error = null;
		this.fieldErrors = {};
		try {
			const body = this.#body();
			const saved = this.id ? await updateSection(this.id, body) : await createSection(workspaceId, { ...body, kind: this.kind });
			return saved.id;
		} catch (e) {
			this.error = e instanceof Error ? e.message : String(e);
			if (e instanceof ApiError) {
				this.fieldErrors = e.fields;
				// Messages shown beside their inputs need only a pointer at the top, not the field's path.
				if (Object.keys(e.fields).some((k) => /^(title|body|colours|assetIds)\b/.test(k))) this.error = 'Some of this needs fixing: see the messages below.';
			}
			return null;
		} finally {
			this.saving = false;
		}
	}
}
