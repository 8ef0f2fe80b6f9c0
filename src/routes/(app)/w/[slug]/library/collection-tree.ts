import type { CollectionJson } from './library-types.ts';

export type CollectionNode = CollectionJson & { depth: number; path: string };

/** Collections in tree order (parents before children, names A–Z), each with its depth and "A / B" path. */
export function flattenTree(list: readonly CollectionJson[]): CollectionNode[] {
	const children = new Map<string | null, CollectionJson[]>();
	const ids = new Set(list.map((c) => c.id));
	for (const c of list) {
		// An orphan (parent gone) shows at the top rather than not at all.
		const parent = c.parentId && ids.has(c.parentId) ? c.parentId : null;
		children.set(parent, [...(children.get(parent) ?? []), c]);
	}
	const out: CollectionNode[] = [];
	const seen = new Set<string>();
	const walk = (parent: string | null, depth: number, prefix: string) => {
		const kids = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name));
		for (const c of kids) {
			if (seen.has(c.id)) continue;
			seen.add(c.id);
			const path = prefix ? `${prefix} / ${c.name}` : c.name;
			out.push({ ...c, depth, path });
			walk(c.id, depth + 1, path);
		}
	};
	walk(null, 0, '');
	return out;
}
