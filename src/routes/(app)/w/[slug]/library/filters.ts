import { FIELD_PREFIX, FILTER_KEYS, isFieldKey, kindLabel, statusLabel, type AssetKind, type AssetStatus, type Facets, type FieldJson, type FilterKey } from './library-types.ts';

export type Filters = Partial<Record<FilterKey, string>>;
export type ViewMode = 'grid' | 'list';
/** `page.url` is a read-only URL; only reading its parameters is needed. */
export type UrlLike = { readonly searchParams: { get(key: string): string | null; keys(): Iterable<string> } };

/** The known filters, then any custom field filters (`field.<key>`), in address order. */
function keysIn(url: UrlLike): FilterKey[] {
	const fieldKeys = [...new Set(url.searchParams.keys())].filter(isFieldKey);
	return [...FILTER_KEYS, ...fieldKeys];
}

export function readFilters(url: UrlLike): Filters {
	const out: Filters = {};
	for (const k of keysIn(url)) {
		const v = url.searchParams.get(k);
		if (v) out[k] = v;
	}
	return out;
}

/** Filters that narrow the list (search and trash are shown elsewhere). */
export const NARROWING = ['type', 'status', 'tag', 'collection', 'uploader', 'from', 'to'] as const satisfies FilterKey[];

/** The narrowing filters that are set, custom field filters included. */
export const activeKeys = (f: Filters): FilterKey[] => [...NARROWING.filter((k) => f[k]), ...(Object.keys(f) as FilterKey[]).filter((k) => isFieldKey(k) && f[k])];

export const isFiltered = (f: Filters) => !!f.q || activeKeys(f).length > 0;

/** Every filter removed (for "Clear all"), search included. */
export const clearAll = (f: Filters): Partial<Record<FilterKey, null>> => Object.fromEntries([['q', null], ...activeKeys(f).map((k) => [k, null])]);

/** The library address with some parameters changed (null removes one); paging restarts. */
export function libraryHref(base: string, url: UrlLike, changes: Partial<Record<FilterKey | 'view', string | null>>, view: ViewMode): string {
	const params = new URLSearchParams();
	const keys = [...keysIn(url), ...(Object.keys(changes) as FilterKey[]).filter(isFieldKey)];
	for (const k of new Set(keys)) {
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
	if (key === 'from' || key === 'to') return formatDay(value);
	if (isFieldKey(key)) return value;
	return facets?.[key as 'collection' | 'uploader']?.find((f) => f.value === value)?.label ?? value;
}

const formatDay = (iso: string) => {
	const d = new Date(`${iso}T00:00:00`);
	return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
};

export const filterTitle: Record<(typeof NARROWING)[number], string> = {
	status: 'Status',
	type: 'Type',
	tag: 'Tag',
	collection: 'Collection',
	uploader: 'Uploaded by',
	from: 'Added from',
	to: 'Added until'
};

/** The chip title of any filter: a fixed one, or a custom field's label. */
export function titleOf(key: FilterKey, fields: readonly FieldJson[]): string {
	if (isFieldKey(key)) {
		const k = key.slice(FIELD_PREFIX.length);
		return fields.find((f) => f.key === k)?.label ?? k;
	}
	return filterTitle[key as (typeof NARROWING)[number]] ?? key;
}

/** "1,234", or "~1,200" when the server estimated the count. */
export function formatCount(n: number, approximate = false): string {
	if (!approximate) return n.toLocaleString('en');
	const rounded = n >= 1000 ? Math.round(n / 100) * 100 : n >= 100 ? Math.round(n / 10) * 10 : n;
	return `~${rounded.toLocaleString('en')}`;
}
