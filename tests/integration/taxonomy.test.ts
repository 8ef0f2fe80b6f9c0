import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, makeServices, member, userWithWorkspace, type TestDb, outcome } from '../helpers/db.ts';
import { solid } from '../helpers/files.ts';
import type { Services } from '#lib/server/services.ts';
import type { Actor } from '#lib/server/auth/actor.ts';

let colour = 100;
const upload = async (name: string, fields: Record<string, string> = {}) => ({
	file: { name, stream: Readable.from([await solid('png', 6, 6, `#${(++colour).toString(16).padStart(6, '0')}`)]) },
	fields: async () => fields
});

describe.each(backends)('collections and custom fields on $name', (backend) => {
	let db: TestDb;
	let s: Services;
	let admin: Actor;
	let wsId: string;

	beforeAll(async () => {
		db = await backend.open();
		({ services: s } = makeServices(db));
		const o = await userWithWorkspace(s, 'Tax');
		admin = o.actor;
		wsId = o.ws.id;
	});
	afterAll(() => db.close());

	it('nests collections, files assets in them, counts them and refuses loops', async () => {
		const campaigns = await s.taxonomy.createCollection(admin, wsId, { name: 'Campaigns' });
		const summer = await s.taxonomy.createCollection(admin, wsId, { name: 'Summer 2026', parentId: campaigns.id });
		const { asset } = await s.assets.upload(admin, wsId, await upload('hero.png', { collectionId: summer.id }));
		expect(asset.collectionId).toBe(summer.id);
		const list = await s.taxonomy.collections(admin, wsId);
		expect(list.find((c) => c.id === summer.id)).toMatchObject({ parentId: campaigns.id, assetCount: 1 });
		expect((await s.assets.list(admin, wsId, { collection: summer.id })).items.map((a) => a.id)).toEqual([asset.id]);
		expect(await outcome(s.taxonomy.updateCollection(admin, campaigns.id, { parentId: summer.id }))).toBe('invalid');
		expect(await outcome(s.taxonomy.updateCollection(admin, campaigns.id, { parentId: campaigns.id }))).toBe('invalid');

		const other = await userWithWorkspace(s, 'Other');
		const foreign = await s.taxonomy.createCollection(other.actor, other.ws.id, { name: 'Theirs' });
		expect(await outcome(s.assets.update(admin, asset.id, { collectionId: foreign.id }))).toBe('invalid');
		expect(await outcome(s.taxonomy.createCollection(admin, wsId, { name: 'x', parentId: foreign.id }))).toBe('invalid');
		expect(await outcome(s.taxonomy.collections(other.actor, wsId))).toBe('not_found');

		await s.taxonomy.deleteCollection(admin, campaigns.id);
		expect(await s.taxonomy.collections(admin, wsId)).toEqual([]);
		expect((await s.assets.get(admin, asset.id)).asset.collectionId).toBeNull();
	});

	it('validates custom field values by type, searches and filters them, and counts select facets', async () => {
		const market = await s.taxonomy.createField(admin, wsId, { label: 'Market', type: 'select', options: ['UK', 'DE', 'FR'], required: true });
		await s.taxonomy.createField(admin, wsId, { label: 'Channels', type: 'multiselect', options: ['print', 'web', 'social'] });
		await s.taxonomy.createField(admin, wsId, { label: 'Usage until', type: 'date' });
		await s.taxonomy.createField(admin, wsId, { label: 'Budget code', key: 'budget', type: 'text' });
		expect(market.key).toBe('market');
		expect(await outcome(s.taxonomy.createField(admin, wsId, { label: 'Market', type: 'text' }))).toBe('conflict');
		expect(await outcome(s.taxonomy.createField(admin, wsId, { label: 'Empty', type: 'select' }))).toBe('invalid');

		const { asset: a } = await s.assets.upload(admin, wsId, await upload('a.png'));
		const { asset: b } = await s.assets.upload(admin, wsId, await upload('b.png'));
		await s.assets.update(admin, a.id, { fields: { market: 'UK', channels: ['web', 'social'], usage_until: '2027-03-31', budget: 'ZEBRA-991' } });
		await s.assets.update(admin, b.id, { fields: { market: 'DE', channels: ['web'] } });

		const bad = await s.assets.update(admin, a.id, { fields: { market: 'US', usage_until: '31/03/2027', nope: 'x' } }).catch((e) => e);
		expect(bad).toMatchObject({ code: 'invalid', fields: { 'fields.market': expect.any(String), 'fields.usage_until': expect.any(String), 'fields.nope': expect.any(String) } });
		expect((await s.assets.get(admin, a.id)).asset.fields).toEqual({ market: 'UK', channels: ['web', 'social'], usage_until: '2027-03-31', budget: 'ZEBRA-991' });

		expect((await s.assets.list(admin, wsId, { q: 'zebra' })).items.map((x) => x.id)).toEqual([a.id]);
		expect((await s.assets.list(admin, wsId, { 'field.market': 'DE' })).items.map((x) => x.id)).toEqual([b.id]);
		expect((await s.assets.list(admin, wsId, { 'field.channels': 'social' })).items.map((x) => x.id)).toEqual([a.id]);
		const facets = (await s.assets.list(admin, wsId, {})).facets!;
		expect(facets.fields.channels).toEqual([
			{ value: 'web', count: 2 },
			{ value: 'social', count: 1 }
		]);
		expect(facets.fields.market?.map((f) => f.value).sort()).toEqual(['DE', 'UK']);
	});

	it('refuses approval while a required field is empty', async () => {
		const { asset } = await s.assets.upload(admin, wsId, await upload('c.png'));
		const refused = await s.assets.update(admin, asset.id, { status: 'approved' }).catch((e) => e);
		expect(refused).toMatchObject({ code: 'invalid', fields: { 'fields.market': expect.any(String) } });
		expect(refused.message).toContain('Market');
		await s.assets.update(admin, asset.id, { fields: { market: 'FR' }, status: 'approved' });
		expect((await s.assets.get(admin, asset.id)).asset.status).toBe('approved');
		expect(await outcome(s.assets.update(admin, asset.id, { fields: { market: null } }))).toBe('invalid');
	});

	it('lets only admins define fields and removes a deleted field from every asset', async () => {
		const manager = await member(s, wsId, 'manager');
		expect(await outcome(s.taxonomy.createField(manager, wsId, { label: 'X', type: 'text' }))).toBe('forbidden');
		const budget = (await s.taxonomy.fields(admin, wsId)).find((f) => f.key === 'budget')!;
		await s.taxonomy.deleteField(admin, budget.id);
		const withValue = (await s.assets.list(admin, wsId, { limit: '200' })).items.filter((a) => 'budget' in a.fields);
		expect(withValue).toEqual([]);
	});

	it('names downloads by the workspace template, and refuses unknown tokens', async () => {
		const coll = await s.taxonomy.createCollection(admin, wsId, { name: 'Spring' });
		const { version } = await s.assets.upload(admin, wsId, await upload('IMG_0001.png', { title: 'Poster', collectionId: coll.id }));
		expect((await s.assets.original(admin, version.id)).name).toBe('IMG_0001.png');
		await s.workspaces.update(admin, wsId, { namingTemplate: '{collection}_{title}_v{version}' });
		expect((await s.assets.original(admin, version.id)).name).toBe('Spring_Poster_v1.png');
		expect(await outcome(s.workspaces.update(admin, wsId, { namingTemplate: '{title}_{client}' }))).toBe('invalid');
		const manager = await member(s, wsId, 'manager');
		expect(await outcome(s.workspaces.update(manager, wsId, { namingTemplate: '{title}' }))).toBe('forbidden');
	});
});
