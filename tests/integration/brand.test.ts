import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '#lib/server/services.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { backends, DAY, makeServices, outcome, teamOfEveryRole, testClock, userWithWorkspace, type TestDb } from '../helpers/db.ts';
import { solid } from '../helpers/files.ts';

let shade = 0;
/** A small PNG of a colour no other upload in the run has, so duplicates are never refused. */
const png = async () => {
	const colour = `#${(0x102030 + ++shade * 0x050301).toString(16).padStart(6, '0')}`;
	return { file: { name: `logo-${shade}.png`, stream: Readable.from([await solid('png', 24, 24, colour)]) }, fields: async () => ({}) };
};

type Failure = { code: string; message: string; fields?: Record<string, string>; details?: Record<string, unknown> };
const failure = (p: Promise<unknown>) => p.then(() => null as unknown as Failure, (e: Failure) => e);

describe.each(backends)('brand guidelines portal on $name', (backend) => {
	let db: TestDb;
	let s: Services;
	const clock = testClock();
	let admin: Actor, manager: Actor, creator: Actor, reviewer: Actor, viewer: Actor;
	let wsId: string;

	/** An asset uploaded by the creator, approved unless told otherwise. */
	async function asset(patch: Record<string, unknown> = { status: 'approved' }) {
		const { asset: a } = await s.assets.upload(creator, wsId, await png());
		return s.assets.update(creator, a.id, patch);
	}

	beforeAll(async () => {
		db = await backend.open();
		s = makeServices(db, clock).services;
		({ wsId, admin, manager, creator, reviewer, viewer } = await teamOfEveryRole(s));
	});
	afterAll(() => db.close());

	it('lets managers and admins keep the sections and everyone read them', async () => {
		const intro = await s.brand.create(manager, wsId, { kind: 'text', title: 'Our voice', body: '<p>Warm, <strong>plain</strong> and brief.</p>' });
		const palette = await s.brand.create(admin, wsId, { kind: 'colours', title: 'Palette', colours: [{ name: 'Ink', hex: '1a2b3c' }, { name: 'Sun', hex: '#fc0', note: 'Accents only' }] });
		expect(intro).toMatchObject({ kind: 'text', position: 0, body: '<p>Warm, <strong>plain</strong> and brief.</p>' });
		expect(palette).toMatchObject({ position: 1, colours: [{ name: 'Ink', hex: '#1A2B3C' }, { name: 'Sun', hex: '#FFCC00', note: 'Accents only' }] });

		for (const who of [creator, reviewer, viewer]) {
			expect(await outcome(s.brand.create(who, wsId, { kind: 'text', title: 'Mine' }))).toBe('forbidden');
			expect(await outcome(s.brand.update(who, intro.id, { title: 'Ours' }))).toBe('forbidden');
			expect(await outcome(s.brand.remove(who, intro.id))).toBe('forbidden');
			expect(await outcome(s.brand.reorder(who, wsId, { ids: [palette.id, intro.id] }))).toBe('forbidden');
		}
		expect((await s.brand.list(viewer, wsId)).map((x) => x.title)).toEqual(['Our voice', 'Palette']);

		const renamed = await s.brand.update(manager, intro.id, { title: 'Tone of voice', body: 'Say it\n\nthen stop' });
		expect(renamed).toMatchObject({ title: 'Tone of voice', body: '<p>Say it</p><p>then stop</p>' });
		expect(await failure(s.brand.update(manager, palette.id, { colours: [{ name: 'Bad', hex: '#12345' }] }))).toMatchObject({ code: 'invalid', fields: { 'colours.0.hex': 'A colour is a hex code such as #1A2B3C.' } });
		expect(await failure(s.brand.update(manager, intro.id, { colours: [{ name: 'Ink', hex: '#000' }] }))).toMatchObject({ code: 'invalid', fields: { colours: expect.any(String) } });

		const reordered = await s.brand.reorder(manager, wsId, { ids: [palette.id, intro.id] });
		expect(reordered.map((x) => [x.title, x.position])).toEqual([['Palette', 0], ['Tone of voice', 1]]);
		// A stale order (a section missing) is refused rather than half applied.
		const later = await s.brand.create(manager, wsId, { kind: 'text', title: 'Later' });
		expect(await outcome(s.brand.reorder(manager, wsId, { ids: [intro.id, palette.id] }))).toBe('conflict');
		expect(await outcome(s.brand.reorder(manager, wsId, { ids: [intro.id, palette.id, intro.id] }))).toBe('invalid');
		expect((await s.brand.list(reviewer, wsId)).map((x) => x.title)).toEqual(['Palette', 'Tone of voice', 'Later']);

		await s.brand.remove(manager, later.id);
		expect(await outcome(s.brand.update(manager, later.id, { title: 'Gone' }))).toBe('not_found');
		expect((await s.brand.list(viewer, wsId)).map((x) => x.title)).toEqual(['Palette', 'Tone of voice']);

		// Outsiders learn nothing; every change is in the audit trail.
		const stranger = await userWithWorkspace(s, 'Sam');
		expect(await outcome(s.brand.list(stranger.actor, wsId))).toBe('not_found');
		expect(await outcome(s.brand.update(stranger.actor, intro.id, { title: 'x' }))).toBe('not_found');
		const trail = await s.audit.list(admin, { workspaceId: wsId, types: ['brand.updated'] });
		expect(trail.items.map((e) => e.data.action).reverse()).toEqual(['created', 'created', 'updated', 'reordered', 'created', 'deleted']);
		expect(trail.items.at(-1)).toMatchObject({ actorName: 'Max', subject: `brand_section:${intro.id}`, data: { section: 'Our voice', kind: 'text' } });
	});

	it('stores only the safe subset of HTML', async () => {
		const body = '<h2>Logo</h2><p onclick="steal()">Use it <a href="javascript:alert(1)">here</a> or <a href="https://brand.example/kit">there</a>.</p><script>alert(1)</script><img src=x onerror="alert(1)"><iframe src="https://evil.test"></iframe>';
		const section = await s.brand.create(manager, wsId, { kind: 'text', title: 'Logo use', body });
		expect(section.body).toBe('<h2>Logo</h2><p>Use it here or <a href="https://brand.example/kit" rel="noopener noreferrer nofollow" target="_blank">there</a>.</p>');
		const again = await s.brand.update(manager, section.id, { body: '<p style="x">Hi<svg onload="alert(1)"></svg></p>' });
		expect(again.body).toBe('<p>Hi</p>');
		expect(await outcome(s.brand.update(manager, section.id, { body: 'x'.repeat(50_001) }))).toBe('invalid');
	});

	it('embeds only approved, live assets within their rights, naming the one it refuses', async () => {
		const logo = await asset();
		const draft = await asset({});
		const expired = await asset({ status: 'approved', expiresAt: new Date(clock.now().getTime() - DAY).toISOString() });
		const trashed = await asset();
		await s.assets.trash(manager, trashed.id);
		const elsewhere = await userWithWorkspace(s, 'Otto');
		const { asset: foreign } = await s.assets.upload(elsewhere.actor, elsewhere.ws.id, await png());

		const refused = async (a: { id: string }) => failure(s.brand.create(manager, wsId, { kind: 'assets', title: 'Logos', assetIds: [logo.id, a.id] }));
		expect(await refused(draft)).toMatchObject({ code: 'invalid', message: expect.stringContaining(`“${draft.title}” is not approved`), details: { assetId: draft.id, reason: 'not_approved' } });
		expect(await refused(expired)).toMatchObject({ code: 'invalid', message: expect.stringContaining(`“${expired.title}” has expired rights`) });
		expect(await refused(trashed)).toMatchObject({ code: 'invalid', message: expect.stringContaining(`“${trashed.title}” is in the trash`) });
		expect(await refused(foreign)).toMatchObject({ code: 'invalid', message: expect.stringContaining(foreign.id) });
		expect(await outcome(s.brand.create(manager, wsId, { kind: 'text', title: 'Prose', assetIds: [logo.id] }))).toBe('invalid');

		const section = await s.brand.create(manager, wsId, { kind: 'assets', title: 'Logos', assetIds: [logo.id] });
		expect(section.assets).toEqual([
			expect.objectContaining({ id: logo.id, title: logo.title, flag: null, downloadUrl: expect.stringMatching(/^\/api\/v1\/versions\/.+\/file$/), thumb: expect.objectContaining({ webp: expect.stringMatching(/\/renditions\/thumb$/) }) })
		]);
		expect(await outcome(s.brand.update(manager, section.id, { assetIds: [logo.id, draft.id] }))).toBe('invalid');
	});

	it('hides assets that expire or lose approval after embedding from members, and flags them to managers', async () => {
		const stays = await asset();
		const expiring = await asset({ status: 'approved', expiresAt: new Date(clock.now().getTime() + 2 * DAY).toISOString() });
		const demoted = await asset();
		const section = await s.brand.create(manager, wsId, { kind: 'assets', title: 'Imagery', assetIds: [stays.id, expiring.id, demoted.id] });
		expect(section.assets.map((a) => a.flag)).toEqual([null, null, null]);

		clock.advance(3 * DAY);
		await s.assets.update(creator, demoted.id, { status: 'archived' });
		const seenBy = async (who: Actor) => (await s.brand.list(who, wsId)).find((x) => x.id === section.id)!.assets;

		expect((await seenBy(reviewer)).map((a) => a.id)).toEqual([stays.id]);
		expect((await seenBy(viewer)).map((a) => a.id)).toEqual([stays.id]);
		const forManager = await seenBy(manager);
		expect(forManager.map((a) => [a.id, a.flag])).toEqual([
			[stays.id, null],
			[expiring.id, 'expired'],
			[demoted.id, 'not_approved']
		]);
		// Flagged assets are not offered for download, even to managers.
		expect(forManager.filter((a) => a.flag).map((a) => a.downloadUrl)).toEqual([null, null]);

		// Editing the section keeps what is already there; adding them anew is refused.
		const renamed = await s.brand.update(manager, section.id, { title: 'Photography', assetIds: [demoted.id, stays.id, expiring.id] });
		expect(renamed.assets.map((a) => a.id)).toEqual([demoted.id, stays.id, expiring.id]);
		const removed = await s.brand.update(manager, section.id, { assetIds: [stays.id] });
		expect(await outcome(s.brand.update(manager, section.id, { assetIds: [stays.id, expiring.id] }))).toBe('invalid');
		expect(removed.assets.map((a) => a.id)).toEqual([stays.id]);

		// Trashed after embedding: hidden likewise, and shown to managers as removed.
		await s.brand.update(manager, section.id, { assetIds: [stays.id] });
		await s.assets.trash(manager, stays.id);
		expect(await seenBy(reviewer)).toEqual([]);
		expect((await seenBy(admin)).map((a) => a.flag)).toEqual(['removed']);
	});

	it('keeps an asset’s rights expiry through the asset service', async () => {
		const a = await asset({});
		const set = await s.assets.update(creator, a.id, { expiresAt: '2027-03-31T17:00:00+02:00' });
		expect(set.expiresAt?.toISOString()).toBe('2027-03-31T15:00:00.000Z');
		expect((await s.assets.get(viewer, a.id)).asset.expiresAt?.toISOString()).toBe('2027-03-31T15:00:00.000Z');
		expect((await s.assets.update(creator, a.id, { expiresAt: '2027-12-31' })).expiresAt?.toISOString()).toBe('2027-12-31T00:00:00.000Z');
		// Other edits leave it alone; null clears it.
		expect((await s.assets.update(creator, a.id, { title: 'Renamed' })).expiresAt?.toISOString()).toBe('2027-12-31T00:00:00.000Z');
		expect((await s.assets.update(creator, a.id, { expiresAt: null })).expiresAt).toBeNull();
		expect(await failure(s.assets.update(creator, a.id, { expiresAt: 'next tuesday' }))).toMatchObject({ code: 'invalid', fields: { expiresAt: expect.any(String) } });
		expect(await outcome(s.assets.update(reviewer, a.id, { expiresAt: null }))).toBe('forbidden');
	});
});
