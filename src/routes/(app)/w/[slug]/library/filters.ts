import { FILTER_KEYS, kindLabel, statusLabel, type AssetKind, type AssetStatus, type Facets, type FilterKey } from './library-types.ts';

export type Filters = Partial<Record<FilterKey, string>>;
export type ViewMode = 'grid' | 'list';
/** `page.url` is a read-only URL; only reading its parameters is needed. */
export type UrlLike = { readonly searchParams: { get(key: string): string | null } };

export function readFilters(url: UrlLike): Filters {
	const out: Filters = {};
	for (const k of FILTER_KEYS) {
		const v = url.searchParams.get(k);
		if (v) out[k] = v;
	}
	return out;
}

/** Filters that narrow the list (search and trash are shown elsewhere). */
export const NARROWING = ['type', 'status', 'tag', 'collection', 'uploader'] as const satisfies FilterKey[];

export const isFiltered = (f: Filters) => !!f.q || NARROWING.some((k) => f[k]);

/** The library address with some parameters changed (null removes one); paging restarts. */
export function libraryHref(base: string, url: UrlLike, changes: Partial<Record<FilterKey | 'view', string | null>>, view: ViewMode): string {
	const params = new URLSearchParams();
	for (const k of FILTER_KEYS) {
		const v = k in changes ? changes[k] : url.searchParams.get(k);
		if (v) params.set(k, v);
	}
	const v = 'view' in changes ? changes.view : view;
	if (v && v !== 'grid') params.set('view', v);
	const qs = params.toString();
	return qs ? `${base}?${qs}` : base;
}

/** A filter value as people read it: "Image", "In review", "#campaign", a collection's name. */
export function filterLabel(key: FilterKey, value: string, facets: Facets | null): string {
	if (key === 'type') return kindLabel[value as AssetKind] ?? value;
	if (key === 'status') return statusLabel[value as AssetStatus] ?? value;
	if (key === 'tag') return `#${value}`;
	return facets?.[key as keyof Facets]?.find((f) => f.value === value)?.label ?? value;
}

export const filterTitle: Record<(typeof NARROWING)[number], string> = {
	status: 'Status',
	type: 'Type',
	tag: 'Tag',
	collection: 'Collection',
	uploader: 'Uploaded by'
};
