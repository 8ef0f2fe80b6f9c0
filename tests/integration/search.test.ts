import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, makeServices, userWithWorkspace, type TestDb } from '../helpers/db.ts';
import { solid } from '../helpers/files.ts';
import { createServices, type Services } from '#lib/server/services.ts';
import type { Actor } from '#lib/server/auth/actor.ts';

let colour = 0;
const png = () => solid('png', 8, 8, `#${(++colour).toString(16).padStart(6, '0')}`);
const upload = async (name: string, fields: Record<string, string> = {}) => ({ file: { name, stream: Readable.from([await png()]) }, fields: async () => fields });

describe.each(backends)('library search on $name', (backend) => {
	let db: TestDb;
	let s: Services;
	let owner: Actor;
	let wsId: string;
	const titles = async (query: Record<string, string>) => (await s.assets.list(owner, wsId, query)).items.map((a) => a.title);

	beforeAll(async () => {
		db = await backend.open();
		({ services: s } = makeServices(db));
		const o = await userWithWorkspace(s, 'Search');
		owner = o.actor;
		wsId = o.ws.id;
		await s.assets.upload(owner, wsId, await upload('SUMMER_beach-hero_v3.png', { title: 'Summer campaign hero', description: 'Families on the beach at sunset', tags: 'summer,hero' }));
		await s.assets.upload(owner, wsId, await upload('winter-banner.png', { title: 'Winter sale banner', description: 'Snowy mountains and cosy cabins', tags: 'winter,banner' }));
		await s.assets.upload(owner, wsId, await upload('logo.png', { title: 'Brand logo', description: 'Primary mark on white', tags: 'brand' }));
		await s.assets.upload(owner, wsId, await upload('beach-towel.png', { title: 'Product shot: towel', description: 'A towel', tags: 'product' }));
		const other = await userWithWorkspace(s, 'Elsewhere');
		await s.assets.upload(other.actor, other.ws.id, { file: { name: 'beach.png', stream: Readable.from([await png()]) }, fields: async () => ({ title: 'Someone else beach' }) });
	});
	afterAll(() => db.close());

	it('finds by words in the title, description, tags and file name, best match first', async () => {
		expect((await titles({ q: 'beach' }))[0]).toBe('Summer campaign hero'); // title-weight tag + description + file name
		expect(await titles({ q: 'beach' })).toContain('Product shot: towel'); // only in the file name
		expect(await titles({ q: 'mountains' })).toEqual(['Winter sale banner']);
		expect(await titles({ q: 'hero' })).toEqual(['Summer campaign hero']);
		expect(await titles({ q: 'families' })).toEqual(['Summer campaign hero']); // stemmed
		expect(await titles({ q: 'beach' })).not.toContain('Someone else beach');
	});

	it('matches partial and misspelt names', async () => {
		expect(await titles({ q: 'bann' })).toEqual(['Winter sale banner']);
		expect(await titles({ q: 'campain' })).toContain('Summer campaign hero');
		expect(await titles({ q: 'logo' })).toEqual(['Brand logo']);
		expect(await titles({ q: 'zzzzqqq' })).toEqual([]);
	});

	it('keeps search current when tags and titles change', async () => {
		const logo = (await s.assets.list(owner, wsId, { q: 'logo' })).items[0]!;
		await s.assets.update(owner, logo.id, { title: 'Wordmark', tags: ['identity'] });
		expect(await titles({ q: 'identity' })).toEqual(['Wordmark']);
		expect(await titles({ q: 'logo' })).toEqual(['Wordmark']); // still in the file name
	});

	it('treats a bare "to" date as the whole of that day', async () => {
		const today = new Date().toISOString().slice(0, 10);
		expect((await s.assets.list(owner, wsId, { to: today })).items.length).toBe(4);
		expect((await s.assets.list(owner, wsId, { to: '2000-01-01' })).items.length).toBe(0);
	});

	it('counts facets over the filtered set', async () => {
		const all = await s.assets.list(owner, wsId, {});
		expect(all.facets?.type).toEqual([{ value: 'image', count: 4 }]);
		expect(all.facets?.tag.find((t) => t.value === 'summer')?.count).toBe(1);
		expect(all.facets?.uploader).toEqual([expect.objectContaining({ value: owner.user.id, label: owner.user.name, count: 4 })]);
		const filtered = await s.assets.list(owner, wsId, { q: 'beach' });
		expect(filtered.facets?.tag.map((t) => t.value).sort()).toEqual(['hero', 'product', 'summer']);
	});

	it('pages through ranked results without repeats or gaps', async () => {
		const full = await titles({ q: 'beach', limit: '50' });
		const seen: string[] = [];
		let cursor: string | null = null;
		do {
			const page: Awaited<ReturnType<Services['assets']['list']>> = await s.assets.list(owner, wsId, { q: 'beach', limit: '1', ...(cursor ? { cursor } : {}) });
			seen.push(...page.items.map((a) => a.title));
			cursor = page.nextCursor;
		} while (cursor);
		expect(seen).toEqual(full);
	});

	it('walks a broad search in a large library newest first, with facets from a sample', async () => {
		// The same data, with thresholds lowered so this library counts as large and "beach" as broad.
		const tuned = createServices(db.database, { storage: s.storage, searchTuning: { largeLibrary: 3, broadMatches: 2 } });
		const first = await tuned.assets.list(owner, wsId, { q: 'beach', limit: '1' });
		expect(first.facets?.total).toBe(2);
		expect(first.facets?.type).toEqual([{ value: 'image', count: 2 }]);
		const seen = first.items.map((a) => a.title);
		let cursor = first.nextCursor;
		while (cursor) {
			const page: Awaited<ReturnType<Services['assets']['list']>> = await tuned.assets.list(owner, wsId, { q: 'beach', limit: '1', cursor });
			seen.push(...page.items.map((a) => a.title));
			cursor = page.nextCursor;
		}
		expect(seen).toEqual(['Product shot: towel', 'Summer campaign hero']); // newest first
	});
});
