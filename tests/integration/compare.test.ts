import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '#lib/server/services.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { backends, makeServices, outcome, userWithWorkspace, type TestDb } from '../helpers/db.ts';
import { pdfPages } from '../helpers/files.ts';

const poster = (extra: string) =>
	sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200"><rect width="1600" height="1200" fill="#f4efe6"/><rect x="200" y="200" width="500" height="300" fill="#b33"/>${extra}</svg>`)).png().toBuffer();
const file = (name: string, bytes: Buffer) => ({ file: { name, stream: Readable.from([bytes]) }, fields: async () => ({}) });

// One backend: the comparison reads files and renditions, not the database's dialect.
const backend = backends[0]!;

describe(`version compare on ${backend.name}`, () => {
	let db: TestDb;
	let s: Services;
	let owner: Actor;
	let wsId: string;
	beforeAll(async () => {
		db = await backend.open();
		s = makeServices(db).services;
		const o = await userWithWorkspace(s, 'Cora');
		owner = o.actor;
		wsId = o.ws.id;
	});
	afterAll(() => db.close());

	it('boxes what changed between two image versions, once, for members only', async () => {
		const v1 = (await s.assets.upload(owner, wsId, file('poster.png', await poster('')))).version;
		const v2 = (await s.assets.uploadVersion(owner, v1.assetId, file('poster.png', await poster('<circle cx="1200" cy="900" r="120" fill="#236"/>')))).version;
		// Processing v2 (inline here, a job in production) already compared it with v1 and kept the answer.
		const kept = `ws/${wsId}/${v2.id}/compare/${v1.id}-0.json`;
		expect(await s.storage.size(kept)).toBeGreaterThan(0);
		const d = await s.compare.diff(owner, v1.id, v2.id);
		expect(JSON.parse((await buffer(await s.storage.get(kept))).toString('utf8'))).toEqual(d);
		expect(d.regions).toHaveLength(1);
		const [r] = d.regions;
		expect(r!.x).toBeLessThan(0.75);
		expect(r!.x + r!.w).toBeGreaterThan(0.75);
		expect(r!.y + r!.h).toBeGreaterThan(0.75);
		expect(r!.w).toBeLessThan(0.3);
		expect(d.words).toBeNull();
		expect(await s.compare.diff(owner, v1.id, v2.id)).toEqual(d);
		const outsider = await userWithWorkspace(s, 'Otto');
		expect(await outcome(s.compare.diff(outsider.actor, v1.id, v2.id))).toBe('not_found');
	});

	it('compares PDF pages and lists the words added and removed', async () => {
		const v1 = (await s.assets.upload(owner, wsId, file('terms.pdf', pdfPages(['Valid until Friday', 'Page two stays'])))).version;
		const v2 = (await s.assets.uploadVersion(owner, v1.assetId, file('terms.pdf', pdfPages(['Valid until Sunday only', 'Page two stays'])))).version;
		expect(await s.storage.size(`ws/${wsId}/${v2.id}/compare/${v1.id}-1.json`)).toBeGreaterThan(0);
		const p1 = await s.compare.diff(owner, v1.id, v2.id, 1);
		expect(p1.regions.length).toBeGreaterThan(0);
		expect(p1.words).toMatchObject({ added: 2, removed: 1 });
		expect(p1.words!.ops.filter((o) => o.op !== 'same').map((o) => `${o.op}:${o.text}`)).toEqual(['removed:Friday', 'added:Sunday only']);
		expect((await s.compare.diff(owner, v1.id, v2.id, 2)).regions).toEqual([]);
		const img = (await s.assets.upload(owner, wsId, file('x.png', await poster('<rect x="10" y="10" width="5" height="5"/>')))).version;
		expect(await outcome(s.compare.diff(owner, v1.id, img.id))).toBe('invalid');
		// A first version has nothing before it to compare with; a video is not diffed.
		expect(await s.compare.precompute(v1.id)).toBeNull();
	});
});
