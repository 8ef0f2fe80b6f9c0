import { describe, expect, test } from 'vitest';
import { flattenTree } from './collection-tree.ts';

const c = (id: string, name: string, parentId: string | null = null) => ({ id, name, parentId, assetCount: 0 });

describe('collection tree', () => {
	test('children follow their parent, names sorted, with depth and path', () => {
		const out = flattenTree([c('b', 'Spring'), c('a', 'Autumn'), c('b2', 'Posters', 'b'), c('b1', 'Banners', 'b')]);
		expect(out.map((n) => [n.path, n.depth])).toEqual([
			['Autumn', 0],
			['Spring', 0],
			['Spring / Banners', 1],
			['Spring / Posters', 1]
		]);
	});

	test('a collection whose parent is missing still shows, at the top', () => {
		expect(flattenTree([c('x', 'Lost', 'gone')]).map((n) => n.depth)).toEqual([0]);
	});
});
