import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql as drizzleSql } from 'drizzle-orm';
import { openDatabase } from '#lib/server/db/client.ts';
import { createServices, type Services } from '#lib/server/services.ts';
import { createLocalStorage } from '#lib/server/storage/local-storage.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { backends, makeServices, member, outcome, userWithWorkspace, type TestDb } from '../helpers/db.ts';
import { solid } from '../helpers/files.ts';
import * as Y from 'yjs';
import { MarkupDoc } from '#lib/shared/markup-doc.ts';
import { commentEntry, markEntry, threadEntry } from '#lib/shared/markup-fixtures.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const png = async (colour: string) => ({ file: { name: `${colour.slice(1)}.png`, stream: Readable.from([await solid('png', 24, 24, colour)]) }, fields: async () => ({}) });

describe.each(backends)('proofs and their audit trail on $name', (backend) => {
	let db: TestDb;
	let s: Services;
	let owner: Actor;
	let wsId: string;
	let ann: Actor, ben: Actor, cat: Actor, dan: Actor;
	let colours = 0;

	const newAsset = async () => (await s.assets.upload(owner, wsId, await png(`#${(0x102030 + ++colours * 97).toString(16)}`))).version;
	const proofWith = async (stages: object[], versions?: string[]) => s.proofs.create(owner, { versionIds: versions ?? [(await newAsset()).id], stages });
	const emails = (...as: Actor[]) => as.map((a) => a.user.email);
	const decide = (a: Actor, p: { id: string; versions: { versionId: string; current: boolean }[] }, decision: string, note?: string) =>
		s.proofs.decide(a, p.id, { versionId: p.versions.find((v) => v.current)!.versionId, decision, note });

	beforeAll(async () => {
		db = await backend.open();
		s = makeServices(db).services;
		const o = await userWithWorkspace(s, 'Olga');
		owner = o.actor;
		wsId = o.ws.id;
		[ann, ben, cat, dan] = (await Promise.all(['Ann', 'Ben', 'Cat', 'Dan'].map((n) => member(s, wsId, 'reviewer', n)))) as [Actor, Actor, Actor, Actor];
	});
	afterAll(() => db.close());

	it('closes a stage by each rule: all, any, quorum (both ways) and gatekeeper', async () => {
		const all = await proofWith([{ name: 'Creative', reviewers: emails(ann, ben), rule: 'all' }]);
		expect(all.status).toBe('in_review');
		expect(all.stages[0]!.status).toBe('open');
		expect((await decide(ann, all, 'approved')).proof.stages[0]!.status).toBe('open');
		const done = (await decide(ben, all, 'approved_with_changes', 'Tighten the kerning')).proof;
		expect(done.stages[0]).toMatchObject({ status: 'closed', outcome: 'approved_with_changes' });
		expect(done.status).toBe('approved');

		const any = await proofWith([{ name: 'Creative', reviewers: emails(ann, ben), rule: 'any' }]);
		expect((await decide(ben, any, 'changes_required', 'Logo too small')).proof).toMatchObject({ status: 'changes_required', stages: [{ outcome: 'changes_required' }] });

		const quorum = await proofWith([{ name: 'Brand', reviewers: emails(ann, ben, cat), rule: 'quorum', quorum: 2 }]);
		await decide(ann, quorum, 'approved');
		expect((await decide(ben, quorum, 'rejected')).proof.stages[0]!.status).toBe('open');
		expect((await decide(cat, quorum, 'approved')).proof).toMatchObject({ status: 'approved', stages: [{ outcome: 'approved' }] });

		const missed = await proofWith([{ name: 'Brand', reviewers: emails(ann, ben, cat), rule: 'quorum', quorum: 2 }]);
		await decide(ann, missed, 'changes_required');
		// Two of three can no longer approve: the stage closes on the worst decision against.
		expect((await decide(ben, missed, 'rejected')).proof).toMatchObject({ status: 'rejected', stages: [{ status: 'closed', outcome: 'rejected' }] });

		const gate = await proofWith([{ name: 'Legal', reviewers: emails(ann, ben, cat), rule: 'gatekeeper', gatekeeper: ben.user.email }]);
		expect(gate.stages[0]!.reviewers.find((r) => r.gatekeeper)!.email).toBe(ben.user.email);
		await decide(ann, gate, 'rejected');
		await decide(cat, gate, 'rejected');
		expect((await s.proofs.get(owner, gate.id)).stages[0]!.status).toBe('open');
		expect((await decide(ben, gate, 'approved')).proof).toMatchObject({ status: 'approved', stages: [{ outcome: 'approved' }] });
	});

	it('runs stages in order or in parallel, and locks decisions once a stage or the proof closes', async () => {
		const p = await proofWith([
			{ name: 'Creative', reviewers: emails(ann), rule: 'all' },
			{ name: 'Brand', reviewers: emails(ben), rule: 'all' },
			{ name: 'Copy', reviewers: emails(cat), rule: 'all', start: 'with_previous' },
			{ name: 'Legal', reviewers: emails(dan), rule: 'all', dueAt: '2026-07-01T12:00:00Z' }
		]);
		expect(p.stages.map((x) => x.status)).toEqual(['open', 'waiting', 'waiting', 'waiting']);
		expect(await outcome(decide(dan, p, 'approved'))).toBe('conflict');
		expect(await outcome(decide(owner, p, 'approved'))).toBe('forbidden');
		const after1 = (await decide(ann, p, 'approved')).proof;
		expect(after1.stages.map((x) => x.status)).toEqual(['closed', 'open', 'open', 'waiting']);
		expect(await outcome(decide(ann, p, 'rejected'))).toBe('conflict');
		await decide(ben, p, 'approved');
		expect((await s.proofs.get(owner, p.id)).stages[3]!.status).toBe('waiting');
		const after3 = (await decide(cat, p, 'approved')).proof;
		expect(after3.stages.map((x) => x.status)).toEqual(['closed', 'closed', 'closed', 'open']);
		expect(after3.stages[3]!.dueAt).toBe('2026-07-01T12:00:00.000Z');
		expect((await decide(dan, p, 'approved')).proof.status).toBe('approved');
		const locked = await s.proofs.decide(dan, p.id, { versionId: p.versions[0]!.versionId, decision: 'rejected' }).catch((e: Error) => e);
		expect(locked).toMatchObject({ code: 'conflict', message: expect.stringMatching(/locked/) });
	});

	it('records a changed decision while the stage is open, and takes the same decision twice as one', async () => {
		const p = await proofWith([{ name: 'Creative', reviewers: emails(ann, ben), rule: 'all' }]);
		await decide(ann, p, 'changes_required', 'Warmer, please');
		await decide(ann, p, 'changes_required', 'Warmer, please');
		await decide(ann, p, 'approved');
		const now = await s.proofs.get(owner, p.id);
		expect(now.decisions.map((d) => d.decision)).toEqual(['changes_required', 'approved']);
		expect(now.stages[0]!.reviewers.find((r) => r.email === ann.user.email)!.decisions).toMatchObject([{ decision: 'approved' }]);
		const trail = await s.audit.list(owner, { proofId: p.id });
		expect(trail.items.map((e) => e.type).reverse()).toEqual(['proof.created', 'stage.started', 'decision.made', 'decision.changed']);
		expect(trail.items[0]!.data).toMatchObject({ decision: 'approved', previous: 'changes_required' });
	});

	it('refuses what it cannot take, with a clear error and nothing stored', async () => {
		const v = await newAsset();
		const bad = (input: object) => s.proofs.create(owner, input).catch((e: { code: string; message: string; fields?: object }) => e);
		expect(await bad({ versionIds: [v.id], stages: [] })).toMatchObject({ code: 'invalid', message: expect.stringMatching(/at least one stage/) });
		expect(await bad({ versionIds: [v.id], stages: [{ name: 'A', reviewers: ['not an email'] }] })).toMatchObject({ code: 'invalid', fields: { 'stages.0.reviewers.0': expect.any(String) } });
		expect(await bad({ versionIds: [v.id], stages: [{ name: 'A', reviewers: emails(ann), rule: 'quorum', quorum: 3 }] })).toMatchObject({ code: 'invalid' });
		expect(await bad({ versionIds: [v.id], stages: [{ name: 'A', reviewers: emails(ann), rule: 'majority' }] })).toMatchObject({ code: 'invalid', message: expect.stringMatching(/rule is one of/) });
		const viewer = await member(s, wsId, 'viewer', 'Vic');
		expect(await bad({ versionIds: [v.id], stages: [{ name: 'A', reviewers: emails(viewer) }] })).toMatchObject({ code: 'invalid', message: expect.stringMatching(/viewer/), fields: { 'stages.0.reviewers': expect.any(String) } });
		expect(await outcome(s.proofs.create(viewer, { versionIds: [v.id], stages: [{ name: 'A', reviewers: emails(ann) }] }))).toBe('forbidden');
		const outsider = await userWithWorkspace(s, 'Oscar');
		expect(await outcome(s.proofs.create(outsider.actor, { versionIds: [v.id], stages: [{ name: 'A', reviewers: emails(ann) }] }))).toBe('not_found');
		expect((await s.proofs.list(owner, {})).every((p) => p.versions.every((x) => x.versionId !== v.id))).toBe(true);

		const p = await proofWith([{ name: 'A', reviewers: emails(ann) }], [v.id]);
		expect(await outcome(s.proofs.get(outsider.actor, p.id))).toBe('not_found');
		expect(await outcome(s.proofs.decide(ann, p.id, { versionId: v.id, decision: 'maybe' }))).toBe('invalid');
		expect(await outcome(s.proofs.decide(ann, p.id, { versionId: (await newAsset()).id, decision: 'approved' }))).toBe('invalid');
		expect((await s.proofs.get(owner, p.id)).decisions).toEqual([]);
	});

	it('starts proofs from a workspace template, and keeps checklist ticks per reviewer on open stages', async () => {
		const stages = [
			{ name: 'Brand', reviewers: emails(ann, ben), rule: 'all', checklist: ['Colours match the palette', 'Logo clear space'] },
			{ name: 'Legal', reviewers: [cat.user.email, 'outside@counsel.example'], rule: 'gatekeeper', gatekeeper: cat.user.email }
		];
		expect(await outcome(s.proofs.createTemplate(ann, wsId, { name: 'Standard', stages }))).toBe('forbidden');
		const t = await s.proofs.createTemplate(owner, wsId, { name: 'Standard', stages });
		expect(await outcome(s.proofs.createTemplate(owner, wsId, { name: 'Standard', stages }))).toBe('conflict');
		expect((await s.proofs.templates(ann, wsId)).map((x) => x.name)).toContain('Standard');
		const p = await s.proofs.create(owner, { versionIds: [(await newAsset()).id], templateId: t.id });
		expect(p.stages.map((x) => [x.name, x.rule, x.reviewers.length])).toEqual([
			['Brand', 'all', 2],
			['Legal', 'gatekeeper', 2]
		]);
		expect(p.stages[0]!.checklist).toEqual(['Colours match the palette', 'Logo clear space']);
		const other = await userWithWorkspace(s, 'Theo');
		expect(await outcome(s.proofs.create(other.actor, { versionIds: [(await s.assets.upload(other.actor, other.ws.id, await png('#123123'))).version.id], templateId: t.id }))).toBe('not_found');

		const brand = p.stages[0]!;
		const ticked = await s.proofs.tick(ann, p.id, { stageId: brand.id, item: 1, checked: true });
		expect(ticked.stages[0]!.reviewers.find((r) => r.email === ann.user.email)!.ticked).toEqual([1]);
		await s.proofs.tick(ann, p.id, { stageId: brand.id, item: 1, checked: true });
		await s.proofs.tick(ann, p.id, { stageId: brand.id, item: 0, checked: true });
		const un = await s.proofs.tick(ann, p.id, { stageId: brand.id, item: 1, checked: false });
		expect(un.stages[0]!.reviewers.find((r) => r.email === ann.user.email)!.ticked).toEqual([0]);
		expect(un.stages[0]!.reviewers.find((r) => r.email === ben.user.email)!.ticked).toEqual([]);
		expect(await outcome(s.proofs.tick(ann, p.id, { stageId: brand.id, item: 5, checked: true }))).toBe('invalid');
		expect(await outcome(s.proofs.tick(cat, p.id, { stageId: brand.id, item: 0, checked: true }))).toBe('forbidden');
		expect(await outcome(s.proofs.tick(cat, p.id, { stageId: p.stages[1]!.id, item: 0, checked: true }))).toBe('conflict');
		await s.proofs.deleteTemplate(owner, t.id);
		expect((await s.proofs.get(owner, p.id)).stages).toHaveLength(2);
	});

	it('lists proofs by status and those waiting on me', async () => {
		const p = await proofWith([{ name: 'A', reviewers: emails(cat) }]);
		const mine = await s.proofs.list(cat, { assignedTo: 'me' });
		expect(mine.map((x) => x.id)).toContain(p.id);
		expect((await s.proofs.list(dan, { assignedTo: 'me' })).map((x) => x.id)).not.toContain(p.id);
		const two = await proofWith([{ name: 'B', reviewers: emails(cat, dan), rule: 'all' }]);
		await decide(cat, two, 'approved');
		// Decided, though the stage waits for Dan: no longer waiting on Cat.
		expect((await s.proofs.list(cat, { assignedTo: 'me' })).map((x) => x.id)).not.toContain(two.id);
		expect((await s.proofs.list(dan, { assignedTo: 'me' })).map((x) => x.id)).toContain(two.id);
		await decide(cat, p, 'approved');
		expect((await s.proofs.list(cat, { assignedTo: 'me' })).map((x) => x.id)).not.toContain(p.id);
		expect((await s.proofs.list(owner, { status: 'approved' })).map((x) => x.id)).toContain(p.id);
		expect(await outcome(s.proofs.list(owner, { status: 'pending' }))).toBe('invalid');
	});

	it('opens a new round when a new version arrives: the stage that asked for changes reviews it', async () => {
		const v1 = await newAsset();
		const p = await proofWith(
			[
				{ name: 'Creative', reviewers: emails(ann), rule: 'all' },
				{ name: 'Brand', reviewers: emails(ben), rule: 'all' }
			],
			[v1.id]
		);
		await decide(ann, p, 'changes_required', 'Logo bigger');
		expect((await s.proofs.get(owner, p.id)).status).toBe('changes_required');
		// Ann's notes on v1: one still open, one resolved.
		const notes = new MarkupDoc(new Y.Doc());
		const mark = markEntry(ann.user.id, { authorName: 'Ann' });
		const open = threadEntry(ann.user.id, { id: mark.threadId, markId: mark.id, authorName: 'Ann' });
		const done = threadEntry(ann.user.id, { authorName: 'Ann', resolved: true, resolvedBy: ann.user.id, resolvedAt: new Date().toISOString() });
		const said = commentEntry(ann.user.id, open.id, 'Logo bigger, please', { authorName: 'Ann' });
		for (const e of [mark, open, done, said, commentEntry(ann.user.id, done.id, 'Fixed already')]) notes.put(e);
		await s.repos.collab.append(`version:${v1.id}`, Y.encodeStateAsUpdate(notes.doc));
		const { version: v2 } = await s.assets.uploadVersion(owner, v1.assetId, await png('#aa3311'));
		const carried = await s.review.annotations(owner, v2.id);
		expect(carried.threads.map((t) => t.id)).toEqual([open.id]);
		expect(carried.threads[0]).toMatchObject({ carriedFrom: { versionId: v1.id, number: 1, threadId: open.id }, addressed: null, mark: { box: mark.box }, comments: [{ body: 'Logo bigger, please' }] });
		expect((await s.repos.review.counts(v2.id)).threads).toBe(1);
		const r2 = await s.proofs.get(owner, p.id);
		expect(r2).toMatchObject({ status: 'in_review', round: 2 });
		expect(r2.versions.filter((v) => v.current).map((v) => v.versionId)).toEqual([v2.id]);
		expect(r2.stages[0]).toMatchObject({ status: 'open', round: 2, outcome: null });
		expect(await outcome(s.proofs.decide(ann, p.id, { versionId: v1.id, decision: 'approved' }))).toBe('conflict');
		const after = (await s.proofs.decide(ann, p.id, { versionId: v2.id, decision: 'approved' })).proof;
		expect(after.stages.map((x) => x.status)).toEqual(['closed', 'open']);
		expect(after.decisions.map((d) => [d.round, d.decision])).toEqual([
			[1, 'changes_required'],
			[2, 'approved']
		]);
		const types = (await s.audit.list(owner, { proofId: p.id })).items.map((e) => e.type);
		expect(types).toContain('proof.round_opened');
	});

	it('gives one consistent outcome to decisions made at the same instant from separate connections', async () => {
		// Separate pools on Postgres; PGlite has one connection and serialises them itself.
		const other = backend.name === 'postgres' ? await openDatabase({ databaseUrl: db.url! }) : null;
		const s2 = other ? createServices(other, { storage: createLocalStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-files-'))) }) : s;
		try {
			for (let i = 0; i < 3; i++) {
				const any = await proofWith([{ name: 'Creative', reviewers: emails(ann, ben), rule: 'any' }]);
				const results = await Promise.allSettled([decide(ann, any, 'approved'), s2.proofs.decide(ben, any.id, { versionId: any.versions[0]!.versionId, decision: 'rejected' })]);
				const won = results.filter((r) => r.status === 'fulfilled');
				expect(won).toHaveLength(1);
				expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.code).toBe('conflict');
				const final = await s.proofs.get(owner, any.id);
				expect(final.decisions).toHaveLength(1);
				expect(final.stages[0]!.outcome).toBe(final.decisions[0]!.decision);

				const all = await proofWith([{ name: 'Creative', reviewers: emails(ann, ben, cat), rule: 'all' }]);
				const v = all.versions[0]!.versionId;
				await Promise.all([
					s.proofs.decide(ann, all.id, { versionId: v, decision: 'approved' }),
					s2.proofs.decide(ben, all.id, { versionId: v, decision: 'approved' }),
					s2.proofs.decide(cat, all.id, { versionId: v, decision: 'approved' }),
					s.proofs.decide(cat, all.id, { versionId: v, decision: 'approved' })
				]);
				const closed = await s.proofs.get(owner, all.id);
				expect(closed.status).toBe('approved');
				expect(closed.decisions).toHaveLength(3);
				const trail = (await s.audit.list(owner, { proofId: all.id })).items.map((e) => e.type);
				expect(trail.filter((t) => t === 'stage.closed')).toHaveLength(1);
				expect(trail.filter((t) => t === 'proof.closed')).toHaveLength(1);
			}
			expect((await s.audit.verify({ workspaceId: wsId })).ok).toBe(true);
		} finally {
			await other?.close();
		}
	});

	it('audits uploads, downloads and role changes, and refuses to change or delete the trail', async () => {
		const v = await newAsset();
		const file = await s.assets.original(owner, v.id);
		await file.downloaded();
		await s.workspaces.changeRole(owner, wsId, dan.user.id, { role: 'creator' });
		const { items } = await s.audit.list(owner, { workspaceId: wsId, types: ['version.uploaded', 'original.downloaded', 'member.role_changed'] });
		expect(items.slice(0, 3).map((e) => [e.type, e.subject])).toEqual([
			['member.role_changed', `user:${dan.user.id}`],
			['original.downloaded', `version:${v.id}`],
			['version.uploaded', `version:${v.id}`]
		]);
		expect(items[0]!.data).toMatchObject({ from: 'reviewer', to: 'creator' });
		expect(items[0]!.actorName).toBe('Olga');
		expect(await outcome(s.audit.list(ann, { workspaceId: wsId }))).toBe('forbidden');

		const sql = (q: string) => db.database.exec(q);
		await expect(sql(`update audit_event set actor_name = 'Mallory' where workspace_id = '${wsId}' and seq = 1`)).rejects.toThrow(/append-only/);
		await expect(sql(`delete from audit_event where workspace_id = '${wsId}'`)).rejects.toThrow(/append-only/);
		await expect(sql(`delete from audit_head where workspace_id = '${wsId}'`)).rejects.toThrow(/advances/);
		const report = await s.audit.verify({ workspaceId: wsId, batch: 7 });
		expect(report).toMatchObject({ ok: true, broken: null });
		expect(report.events).toBeGreaterThan(20);
	});

	it('names the first broken event when any column of any row is changed, a row removed, or rows reordered', async () => {
		const o = await userWithWorkspace(s, 'Tess');
		const ws = o.ws.id;
		for (let i = 0; i < 6; i++) await s.audit.log({ workspaceId: ws, type: 'version.uploaded', actor: { id: o.user.id, kind: 'user', name: 'Tess' }, subject: `version:${i}`, data: { n: i, tags: ['a', 'b'] } });
		expect((await s.audit.verify({ workspaceId: ws })).ok).toBe(true);

		// Tampering as the database owner would: with the triggers switched off, in one
		// transaction so that the setting stays on the connection that runs the statements.
		const asOwner = (fn: (run: (q: string) => Promise<unknown>) => Promise<void>) =>
			db.database.db.transaction(async (tx) => {
				await tx.execute(drizzleSql.raw('set local session_replication_role = replica'));
				await fn((q) => tx.execute(drizzleSql.raw(q)));
			});
		const rowsOf = async (q: string) => (await db.database.exec(q)).rows;
		const tamper = async (statements: string | string[], check: (r: Awaited<ReturnType<Services['audit']['verify']>>) => void) => {
			const snapshot = await rowsOf(`select workspace_id, seq, at, type, actor_id, actor_kind, actor_name, proof_id, subject, data, prev_hash, hash from audit_event where workspace_id = '${ws}' order by seq`);
			const head = (await rowsOf(`select seq, hash from audit_head where workspace_id = '${ws}'`))[0]!;
			await asOwner(async (run) => {
				for (const q of [statements].flat()) await run(q);
			});
			check(await s.audit.verify({ workspaceId: ws, batch: 4 }));
			await asOwner(async (run) => {
				await run(`delete from audit_event where workspace_id = '${ws}'`);
				for (const r of snapshot) {
					const lit = (v: unknown) => (v === null ? 'null' : `'${(v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v)).replace(/'/g, "''")}'`);
					const cols = Object.keys(r);
					await run(`insert into audit_event (${cols.join(', ')}) values (${cols.map((c) => lit(r[c])).join(', ')})`);
				}
				await run(`update audit_head set seq = ${head.seq}, hash = '${head.hash}' where workspace_id = '${ws}'`);
			});
			expect((await s.audit.verify({ workspaceId: ws })).ok).toBe(true);
		};
		const brokenAt = (seq: number, reason: RegExp) => (r: Awaited<ReturnType<Services['audit']['verify']>>) => {
			expect(r.ok).toBe(false);
			expect(r.broken).toMatchObject({ workspaceId: ws, seq, reason: expect.stringMatching(reason) });
		};
		const where = (seq: number) => `where workspace_id = '${ws}' and seq = ${seq}`;
		for (const [column, value] of [
			['at', `at + interval '1 second'`],
			['type', `'proof.created'`],
			['actor_id', 'null'],
			['actor_kind', `'system'`],
			['actor_name', `'Mallory'`],
			['proof_id', `gen_random_uuid()`],
			['subject', `'version:x'`],
			['data', `'{"n": 99, "tags": ["a", "b"]}'`],
			['hash', `repeat('a', 64)`]
		]) {
			await tamper(`update audit_event set ${column} = ${value} ${where(3)}`, brokenAt(3, /changed/));
		}
		await tamper(`update audit_event set prev_hash = repeat('b', 64) ${where(4)}`, brokenAt(4, /follow/));
		await tamper(`delete from audit_event ${where(2)}`, brokenAt(2, /missing/));
		await tamper([`update audit_event set seq = -1 ${where(2)}`, `update audit_event set seq = 2 ${where(5)}`, `update audit_event set seq = 5 ${where(-1)}`], brokenAt(2, /follow/));
		await tamper(`delete from audit_event ${where(6)}`, brokenAt(6, /removed from the end/));
	});
});
