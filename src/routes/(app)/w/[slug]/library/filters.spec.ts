import { describe, expect, test } from 'vitest';
import { filterLabel, formatCount, isFiltered, libraryHref, readFilters } from './filters.ts';

const base = '/w/acme/library';
const at = (qs: string) => new URL(`http://x${base}${qs}`);

describe('library filters in the address', () => {
	test('reads only the known filters', () => {
		expect(readFilters(at('?q=sun&tag=campaign&view=list&cursor=abc'))).toEqual({ q: 'sun', tag: 'campaign' });
	});

	test('changing one filter keeps the others and the view, and drops the page cursor', () => {
		expect(libraryHref(base, at('?q=sun&cursor=abc'), { status: 'approved' }, 'list')).toBe(`${base}?q=sun&status=approved&view=list`);
	});

	test('null removes a filter; the grid view is the default and stays out of the address', () => {
		expect(libraryHref(base, at('?tag=campaign&view=list'), { tag: null }, 'grid')).toBe(base);
		expect(libraryHref(base, at('?type=image'), { view: 'list' }, 'grid')).toBe(`${base}?type=image&view=list`);
	});

	test('labels read as people say them', () => {
		expect(filterLabel('status', 'in_review', null)).toBe('In review');
		expect(filterLabel('type', 'pdf', null)).toBe('PDF');
		expect(filterLabel('tag', 'campaign', null)).toBe('#campaign');
		expect(filterLabel('collection', 'c1', { collection: [{ value: 'c1', label: 'Spring 2025', count: 3 }] })).toBe('Spring 2025');
	});

	test('search and narrowing filters count as filtered; the trash alone does not', () => {
		expect(isFiltered({ trashed: 'true' })).toBe(false);
		expect(isFiltered({ q: 'x' })).toBe(true);
		expect(isFiltered({ uploader: 'u' })).toBe(true);
	});

	test('custom field filters and dates are kept in the address and can be removed', () => {
		expect(readFilters(at('?field.region=EMEA&from=2025-01-01&field.=x'))).toEqual({ 'field.region': 'EMEA', from: '2025-01-01' });
		expect(libraryHref(base, at('?field.region=EMEA'), { 'field.channel': 'Print' }, 'grid')).toBe(`${base}?field.region=EMEA&field.channel=Print`);
		expect(libraryHref(base, at('?field.region=EMEA&to=2025-02-01'), { 'field.region': null }, 'grid')).toBe(`${base}?to=2025-02-01`);
		expect(isFiltered({ 'field.region': 'EMEA' })).toBe(true);
	});

	test('estimated counts read as approximate', () => {
		expect(formatCount(1234)).toBe('1,234');
		expect(formatCount(1234, true)).toBe('~1,200');
	});
});
