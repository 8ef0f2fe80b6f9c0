import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '#lib/server/services.ts';
import { createLocalStorage } from '#lib/server/storage/local-storage.ts';
import { createMailer } from '#lib/server/notifications/mailer.ts';
import { sha256Hex } from '#lib/server/auth/crypto.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { backends, DAY, member, outcome, testClock, userWithWorkspace, type TestDb } from '../helpers/db.ts';
import { solid } from '../helpers/files.ts';
import { guestTokenIn, startSmtp, unqp } from '../helpers/smtp.ts';

const linkIn = guestTokenIn;

describe.each(backends)('notifications, mail and reminders on $name', (backend) => {
	let db: TestDb;
	let s: Services;
	let smtp: Awaited<ReturnType<typeof startSmtp>>;
	const clock = testClock(new Date('2026-06-01T09:00:00Z'));
	let owner: Actor, ann: Actor, ben: Actor;
	let wsId: string;
	let n = 0;

	const version = async () => (await s.assets.upload(owner, wsId, { file: { name: `p${++n}.png`, stream: Readable.from([await solid('png', 20, 20, `#${(0x334455 + n * 40).toString(16)}`)]) }, fields: async () => ({}) })).version;
	const inbox = async (a: Actor) => (await s.review.notifications(a)).items;

	beforeAll(async () => {
		smtp = await startSmtp();
		db = await backend.open();
		const storage = createLocalStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-files-')));
		s = createServices(db.database, { now: clock.now, storage, publicUrl: 'https://loupe.example', mailer: createMailer({ smtpUrl: smtp.url, from: 'Loupe <loupe@example.test>' }) });
		const o = await userWithWorkspace(s, 'Olga');
		owner = o.actor;
		wsId = o.ws.id;
		ann = await member(s, wsId, 'reviewer', 'Ann');
		ben = await member(s, wsId, 'reviewer', 'Ben');
	});
	afterAll(async () => {
		await db.close();
		await smtp.close();
	});

	it('tells reviewers when their stage opens, the creator about decisions, a guest by a personal link, and everyone when it closes', async () => {
		const v = await version();
		const guestEmail = `legal-${backend.name}@partner.example`;
		const p = await s.proofs.create(owner, {
			versionIds: [v.id],
			stages: [
				{ name: 'Creative', reviewers: [ann.user.email], dueAt: '2026-06-03T17:00:00Z' },
				{ name: 'Legal', reviewers: [guestEmail, ben.user.email], rule: 'gatekeeper', gatekeeper: guestEmail }
			]
		});
		expect((await inbox(ann)).map((i) => i.kind)).toEqual(['assigned']);
		expect(await inbox(ben)).toEqual([]);
		await s.notifications.deliver();
		const assigned = smtp.to(ann.user.email);
		expect(assigned).toHaveLength(1);
		expect(assigned[0]!.subject).toContain('Review requested');
		expect(unqp(assigned[0]!.text)).toContain(`https://loupe.example/w/`);
		expect(smtp.to(guestEmail)).toEqual([]);

		await s.proofs.decide(ann, p.id, { versionId: v.id, decision: 'approved_with_changes', note: 'Swap the hero image' });
		await s.notifications.deliver();
		expect((await inbox(owner)).map((i) => i.kind)).toContain('decision');
		expect(smtp.to(owner.user.email).map((m) => m.subject)).toContainEqual(expect.stringContaining('Approved with changes'));
		expect((await inbox(ben)).map((i) => i.kind)).toEqual(['assigned']);

		const invite = smtp.to(guestEmail);
		expect(invite).toHaveLength(1);
		expect(invite[0]!.subject).toBe(`Olga asks you to review ${p.title}`);
		const token = linkIn(invite[0]!.text)!;
		expect(token).toMatch(/^g1\./);
		// Only the hash is stored, and the queued mail keeps the placeholder, not the link.
		const reviewer = p.stages[1]!.reviewers.find((r) => r.email === guestEmail)!;
		const stored = (await db.database.exec('select invite_hash from stage_reviewer where id = $1', [reviewer.id])).rows[0]!;
		expect(stored.invite_hash).toBe(sha256Hex(token));
		const queued = (await db.database.exec('select text from outbound_email where "to" = $1', [guestEmail])).rows;
		expect(queued.map((r) => String(r.text)).join()).not.toContain(token);

		const seen = await s.proofs.guest(token);
		expect(seen.proof.stage.name).toBe('Legal');
		expect(seen.proof.versions.map((x) => x.versionId)).toEqual([v.id]);
		expect((await s.proofs.guestFile(token, v.id, 'thumb')).mime).toBe('image/webp');
		expect((await s.proofs.guestFile(token, v.id, 'original')).size).toBeGreaterThan(0);
		expect(await outcome(s.proofs.guestFile(token, (await version()).id, 'thumb'))).toBe('not_found');
		expect(await outcome(s.proofs.guestFile(token, v.id, '../../etc/passwd'))).toBe('not_found');
		await s.proofs.renameGuest(token, { name: 'Lee from Legal' });
		expect(await outcome(s.proofs.guestDecide(token, { versionId: v.id, decision: 'maybe' }))).toBe('invalid');
		const done = await s.proofs.guestDecide(token, { versionId: v.id, decision: 'approved', note: 'Cleared' });
		expect(done.proof.status).toBe('approved');
		const trail = await s.audit.list(owner, { proofId: p.id });
		expect(trail.items.find((e) => e.type === 'decision.made' && e.actorKind === 'guest')).toMatchObject({ actorName: 'Lee from Legal', data: { decision: 'approved', note: 'Cleared' } });
		expect(trail.items.some((e) => e.type === 'guest.invited')).toBe(true);
		for (const who of [owner, ann, ben]) expect((await inbox(who)).map((i) => i.kind)).toContain('proof_closed');
		// The stage closed: the link no longer decides anything.
		expect(await outcome(s.proofs.guestDecide(token, { versionId: v.id, decision: 'rejected' }))).toBe('conflict');
	});

	it('withdraws a guest link at once, and refuses forged and expired ones', async () => {
		const v = await version();
		const guestEmail = `agency-${backend.name}@partner.example`;
		const p = await s.proofs.create(owner, { versionIds: [v.id], stages: [{ name: 'Agency', reviewers: [guestEmail], dueAt: '2026-06-02T09:00:00Z' }] });
		await s.notifications.deliver();
		const token = linkIn(smtp.to(guestEmail).at(-1)!.text)!;
		expect((await s.proofs.guest(token)).reviewer.email).toBe(guestEmail);
		expect(await outcome(s.proofs.guest(`${token.slice(0, -2)}xx`))).toBe('unauthenticated');
		expect(await outcome(s.proofs.guest('g1.made-up'))).toBe('unauthenticated');
		expect(await outcome(s.proofs.revokeGuest(ann, p.id, p.stages[0]!.reviewers[0]!.id))).toBe('forbidden');
		await s.proofs.revokeGuest(owner, p.id, p.stages[0]!.reviewers[0]!.id);
		expect(await outcome(s.proofs.guest(token))).toBe('unauthenticated');
		expect((await s.audit.list(owner, { proofId: p.id })).items[0]!.type).toBe('guest.revoked');

		const other = `late-${backend.name}@partner.example`;
		await s.proofs.create(owner, { versionIds: [(await version()).id], stages: [{ name: 'Late', reviewers: [other] }] });
		await s.notifications.deliver();
		const late = linkIn(smtp.to(other).at(-1)!.text)!;
		expect(await outcome(s.proofs.guest(late))).toBe('ok');
		clock.advance(31 * DAY);
		expect(await outcome(s.proofs.guest(late))).toBe('unauthenticated');
		clock.advance(-31 * DAY);
	});

	it('sends reminders before the due date and when overdue, once each, on the schedule', async () => {
		expect(s.jobs.find((j) => j.name === 'proof-reminders')?.cron).toBeTruthy();
		expect(s.jobs.find((j) => j.name === 'email-digest')?.cron).toBe('0 * * * *');
		const v = await version();
		const p = await s.proofs.create(owner, { versionIds: [v.id], stages: [{ name: 'Brand', reviewers: [ann.user.email, ben.user.email], dueAt: new Date(clock.now().getTime() + 2 * DAY).toISOString() }] });
		await s.proofs.decide(ben, p.id, { versionId: v.id, decision: 'approved' });
		const kinds = async (a: Actor) => (await inbox(a)).filter((i) => (i.data as { proofId?: string }).proofId === p.id).map((i) => i.kind);

		await s.proofs.sendReminders();
		expect(await kinds(ann)).not.toContain('due_soon');
		clock.advance(DAY + 3600_000);
		await s.proofs.sendReminders();
		await s.proofs.sendReminders();
		expect((await kinds(ann)).filter((k) => k === 'due_soon')).toHaveLength(1);
		expect(await kinds(ben)).not.toContain('due_soon');
		clock.advance(DAY);
		await s.proofs.sendReminders();
		expect(await kinds(ann)).toContain('overdue');
		expect(await kinds(owner)).toContain('overdue');
		expect(await kinds(ben)).not.toContain('overdue');
		await s.notifications.deliver();
		expect(smtp.to(ann.user.email).map((m) => m.subject)).toContainEqual(expect.stringContaining('Overdue'));
		clock.advance(-2 * DAY - 3600_000);
	});

	it('batches mail into an hourly digest for those who chose it, and none for those who turned it off', async () => {
		await s.notifications.setPreferences(owner, { email: 'digest' });
		await s.notifications.setPreferences(ben, { email: 'off' });
		expect(await outcome(s.notifications.setPreferences(ann, { email: 'weekly' }))).toBe('invalid');
		const before = smtp.to(owner.user.email).length;
		const benBefore = smtp.to(ben.user.email).length;
		for (let i = 0; i < 3; i++) {
			const v = await version();
			const p = await s.proofs.create(owner, { versionIds: [v.id], stages: [{ name: 'Quick', reviewers: [ann.user.email, ben.user.email], rule: 'any' }] });
			await s.proofs.decide(ann, p.id, { versionId: v.id, decision: 'approved' });
		}
		await s.notifications.deliver();
		expect(smtp.to(owner.user.email)).toHaveLength(before);
		expect(smtp.to(ben.user.email)).toHaveLength(benBefore);
		await s.notifications.digest();
		await s.notifications.deliver();
		const digest = smtp.to(owner.user.email).slice(before);
		expect(digest).toHaveLength(1);
		expect(digest[0]!.subject).toMatch(/Loupe: \d+ updates/);
		expect(unqp(digest[0]!.text).match(/^- /gm)!.length).toBeGreaterThanOrEqual(3);
		await s.notifications.digest();
		await s.notifications.deliver();
		expect(smtp.to(owner.user.email).slice(before)).toHaveLength(1);
		await s.notifications.setPreferences(owner, { email: 'immediate' });
		await s.notifications.setPreferences(ben, { email: 'immediate' });
	});

	it('keeps mail queued while the mail server is down, and sends it once it is back', async () => {
		const storage = createLocalStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-files-')));
		const down = createServices(db.database, { now: clock.now, storage, publicUrl: 'https://loupe.example', mailer: createMailer({ smtpUrl: 'smtp://127.0.0.1:9', from: 'x@example.test' }) });
		const v = await version();
		await down.proofs.create(owner, { versionIds: [v.id], stages: [{ name: 'Retry', reviewers: [ann.user.email] }] });
		const count = smtp.to(ann.user.email).length;
		await down.notifications.deliver();
		const failed = (await db.database.exec(`select attempts, last_error from outbound_email where sent_at is null and "to" = $1`, [ann.user.email])).rows;
		expect(failed.length).toBeGreaterThan(0);
		expect(Number(failed[0]!.attempts)).toBeGreaterThanOrEqual(1);
		expect(String(failed[0]!.last_error)).toMatch(/ECONNREFUSED|connect/i);
		await s.notifications.deliver();
		expect(smtp.to(ann.user.email).length).toBeGreaterThan(count);
		expect((await db.database.exec(`select count(*)::int as n from outbound_email where sent_at is null`)).rows[0]!.n).toBe(0);
	});
});
