import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '#lib/server/db/client.ts';
import { createServices, type Services } from '#lib/server/services.ts';
import { createLocalStorage } from '#lib/server/storage/local-storage.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { backends, makeServices, outcome, teamOfEveryRole, userWithWorkspace, type TestDb } from '../helpers/db.ts';
import { solid } from '../helpers/files.ts';

const png = async (colour: string) => ({ file: { name: `${colour.slice(1)}.png`, stream: Readable.from([await solid('png', 24, 24, colour)]) }, fields: async () => ({}) });
const complete = { objectives: '<p>Launch the summer range</p>', audience: 'Families in cities', keyMessage: 'Summer, sorted.', budget: { amount: 25000, currency: 'EUR' } };

describe.each(backends)('creative briefs on $name', (backend) => {
	let db: TestDb;
	let s: Services;
	let clock: ReturnType<typeof makeServices>['clock'];
	let admin: Actor, manager: Actor, creator: Actor, reviewer: Actor, viewer: Actor;
	let wsId: string;

	beforeAll(async () => {
		db = await backend.open();
		({ services: s, clock } = makeServices(db));
		({ wsId, admin, manager, creator, reviewer, viewer } = await teamOfEveryRole(s));
	});
	afterAll(() => db.close());

	it('ships the default template and validates the templates people build', async () => {
		const [t] = await s.briefs.templates(viewer, wsId);
		expect(t!.name).toBe('Creative brief');
		const keys = t!.sections.flatMap((x) => x.fields.map((f) => `${f.key}${f.required ? '*' : ''}:${f.type}`));
		expect(keys).toEqual(['objectives*:rich_text', 'audience*:text', 'keyMessage*:text', 'mandatories:rich_text', 'referenceAssets:asset', 'brandGuidelines:brand', 'budget*:money']);
		// Asked again, the same one: it is made once.
		expect((await s.briefs.templates(creator, wsId)).map((x) => x.id)).toEqual([t!.id]);

		const bad = (sections: unknown) => s.briefs.createTemplate(manager, wsId, { name: 'Social', sections }).catch((e: { code: string; message: string; fields: Record<string, string> }) => e);
		expect(await bad([{ title: 'A', fields: [{ key: 'channel', label: 'Channel', type: 'select' }] }])).toMatchObject({ code: 'invalid', fields: { 'sections.0.fields.0.options': 'A choice field needs its options.' } });
		expect(await bad([{ title: 'A', fields: [{ key: 'x', label: 'X', type: 'text' }] }, { title: 'B', fields: [{ key: 'x', label: 'Y', type: 'number' }] }])).toMatchObject({ fields: { 'sections.1.fields.0.key': 'The key “x” is used twice.' } });
		expect(await bad([{ title: 'A', fields: [{ key: 'x', label: 'X', type: 'colour' }] }])).toMatchObject({ code: 'invalid' });
		expect(await outcome(s.briefs.createTemplate(creator, wsId, { name: 'Mine', sections: [{ title: 'A', fields: [{ key: 'x', label: 'X', type: 'text' }] }] }))).toBe('forbidden');

		const social = await s.briefs.createTemplate(manager, wsId, {
			name: 'Social post',
			sections: [{ title: 'Post', fields: [{ key: 'network', label: 'Network', type: 'select', options: ['Instagram', 'TikTok'], required: true }, { key: 'live', label: 'Go-live', type: 'date' }, { key: 'paid', label: 'Paid', type: 'checkbox' }, { key: 'owner', label: 'Owner', type: 'user' }] }]
		});
		expect(await outcome(s.briefs.createTemplate(manager, wsId, { name: 'Social post', sections: social.sections }))).toBe('conflict');
		// A brief keeps the sections it was made with when its template changes later.
		const b = await s.briefs.create(creator, wsId, { title: 'TikTok teaser', templateId: social.id, fields: { network: 'TikTok', paid: true } });
		await s.briefs.updateTemplate(manager, social.id, { sections: [{ title: 'Post', fields: [{ key: 'network', label: 'Network', type: 'text' }] }] });
		expect((await s.briefs.get(creator, b.id)).sections[0]!.fields.map((f) => f.key)).toEqual(['network', 'live', 'paid', 'owner']);
	});

	it('checks field types on every save but required fields only on submit', async () => {
		const draft = await s.briefs.create(creator, wsId, { title: 'Summer launch', fields: { audience: 'Families' } });
		expect(draft).toMatchObject({ status: 'draft', fields: { audience: 'Families' }, progress: { total: 0 } });

		type Failure = { code: string; message: string; fields: Record<string, string> };
		const err = (p: Promise<unknown>) => p.then(() => null as unknown as Failure, (e: Failure) => e);
		expect(await err(s.briefs.update(creator, draft.id, { fields: { budget: 12 } }))).toMatchObject({ code: 'invalid', fields: { 'fields.budget': expect.any(String) } });
		expect(await err(s.briefs.update(creator, draft.id, { fields: { budget: { amount: 10, currency: 'euro' } } }))).toMatchObject({ fields: { 'fields.budget': 'A currency is a three-letter code such as EUR.' } });
		expect(await err(s.briefs.update(creator, draft.id, { fields: { colour: 'red' } }))).toMatchObject({ fields: { 'fields.colour': 'This brief has no such field.' } });
		expect(await err(s.briefs.create(reviewer, wsId, { title: 'Not mine to start' }))).toMatchObject({ code: 'forbidden' });

		// Submitting names every missing required field and the missing deliverable.
		const refused = await err(s.briefs.changeStatus(creator, draft.id, { status: 'submitted' }));
		expect(refused).toMatchObject({ code: 'invalid', fields: { 'fields.objectives': 'Objectives is required before the brief is submitted.', 'fields.keyMessage': expect.any(String), 'fields.budget': expect.any(String), deliverables: 'Add at least one deliverable.' } });
		expect(refused.message).toBe('Objectives is required before the brief is submitted. (and 3 more)');
		expect((await s.briefs.get(creator, draft.id)).status).toBe('draft');

		await s.briefs.update(creator, draft.id, { fields: complete });
		await s.deliverables.add(creator, draft.id, { name: 'Instagram story', channel: 'Instagram', spec: 'Story 1080×1920 JPG', dueAt: '2026-07-01', ownerId: creator.user.id });
		const submitted = await s.briefs.changeStatus(creator, draft.id, { status: 'submitted' });
		expect(submitted).toMatchObject({ status: 'submitted', fields: complete, deliverables: [{ name: 'Instagram story', spec: 'Story 1080×1920 JPG', state: 'to_do' }] });
		expect(submitted.submittedAt).not.toBeNull();
		// Clearing a required field in a submitted brief is a change like any other; the check was at submit.
		expect((await s.briefs.update(creator, draft.id, { fields: { audience: null } })).fields.audience).toBeNull();
	});

	it('runs the lifecycle with the right people at each step, and audits it', async () => {
		const b = await s.briefs.create(creator, wsId, { title: 'Autumn catalogue', fields: complete });
		await s.deliverables.add(creator, b.id, { name: 'Cover' });
		await s.briefs.changeStatus(creator, b.id, { status: 'submitted' });

		expect(await outcome(s.briefs.changeStatus(manager, b.id, { status: 'approved' }))).toBe('invalid');
		expect(await outcome(s.briefs.signoff(creator, b.id, { kind: 'brief', decision: 'approved' }))).toBe('forbidden');
		expect(await outcome(s.briefs.signoff(manager, b.id, { kind: 'budget', decision: 'approved', note: 'Within Q3 budget' }))).toBe('ok');
		const approved = await s.briefs.signoff(manager, b.id, { kind: 'brief', decision: 'approved' });
		expect(approved).toMatchObject({ status: 'approved', signedOff: { brief: 'approved', budget: 'approved', timeline: null } });
		expect(await outcome(s.briefs.signoff(admin, b.id, { kind: 'brief', decision: 'rejected' }))).toBe('conflict');
		expect(await outcome(s.briefs.signoff(manager, b.id, { kind: 'timeline', decision: 'rejected', note: 'Too tight' }))).toBe('ok');

		expect(await outcome(s.briefs.changeStatus(reviewer, b.id, { status: 'in_production' }))).toBe('forbidden');
		expect((await s.briefs.changeStatus(creator, b.id, { status: 'in_production' })).status).toBe('in_production');
		expect(await outcome(s.briefs.changeStatus(creator, b.id, { status: 'delivered' }))).toBe('forbidden');
		expect(await outcome(s.briefs.changeStatus(manager, b.id, { status: 'draft' }))).toBe('conflict');
		// Creators edit drafts and submitted briefs; from approval on, managers do.
		expect(await outcome(s.briefs.update(creator, b.id, { title: 'Autumn catalogue 2026' }))).toBe('forbidden');
		expect((await s.briefs.update(manager, b.id, { title: 'Autumn catalogue 2026' })).title).toBe('Autumn catalogue 2026');
		await s.briefs.changeStatus(manager, b.id, { status: 'delivered' });
		const closed = await s.briefs.changeStatus(manager, b.id, { status: 'closed', note: 'All live' });
		expect(closed.closedAt).not.toBeNull();
		expect(await outcome(s.briefs.update(admin, b.id, { title: 'x' }))).toBe('conflict');
		expect(await outcome(s.deliverables.add(admin, b.id, { name: 'Late extra' }))).toBe('conflict');
		expect(await outcome(s.briefs.changeStatus(admin, b.id, { status: 'cancelled' }))).toBe('conflict');

		// Sent back: a rejected brief sign-off returns a submitted brief to draft.
		const other = await s.briefs.create(creator, wsId, { title: 'Winter teaser', fields: complete });
		await s.deliverables.add(creator, other.id, { name: 'Banner' });
		await s.briefs.changeStatus(creator, other.id, { status: 'submitted' });
		expect((await s.briefs.signoff(manager, other.id, { kind: 'brief', decision: 'rejected', note: 'Audience too broad' })).status).toBe('draft');

		const trail = await s.audit.list(admin, { workspaceId: wsId, types: ['brief.created', 'brief.status_changed', 'brief.signed_off'], limit: 50 });
		const mine = trail.items.filter((e) => e.subject === `brief:${b.id}`).reverse();
		expect(mine.map((e) => `${e.type}${e.data.to ? `→${e.data.to}` : ''}${e.data.kind ? `:${e.data.kind}=${e.data.decision}` : ''}`)).toEqual([
			'brief.created',
			'brief.status_changed→submitted',
			'brief.signed_off:budget=approved',
			'brief.signed_off:brief=approved',
			'brief.status_changed→approved',
			'brief.signed_off:timeline=rejected',
			'brief.status_changed→in_production',
			'brief.status_changed→delivered',
			'brief.status_changed→closed'
		]);
		expect((await s.audit.verify({ workspaceId: wsId })).ok).toBe(true);
	});

	it('gives one outcome to two managers signing off the brief at the same instant', async () => {
		const other = backend.name === 'postgres' ? await openDatabase({ databaseUrl: db.url! }) : null;
		const s2 = other ? createServices(other, { storage: createLocalStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-files-'))) }) : s;
		try {
			const b = await s.briefs.create(creator, wsId, { title: 'Race', fields: complete });
			await s.deliverables.add(creator, b.id, { name: 'One' });
			await s.briefs.changeStatus(creator, b.id, { status: 'submitted' });
			const results = await Promise.allSettled([s.briefs.signoff(manager, b.id, { kind: 'brief', decision: 'approved' }), s2.briefs.signoff(admin, b.id, { kind: 'brief', decision: 'rejected' })]);
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
			expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.code).toBe('conflict');
			const final = await s.briefs.get(admin, b.id);
			expect(final.signoffs).toHaveLength(1);
			expect(final.status).toBe(final.signoffs[0]!.decision === 'approved' ? 'approved' : 'draft');
		} finally {
			await other?.close();
		}
	});

	it('attaches a legal category’s disclaimers; only admins edit categories', async () => {
		expect(await outcome(s.deliverables.createCategory(manager, wsId, { name: 'Financial promotion' }))).toBe('forbidden');
		const cat = await s.deliverables.createCategory(admin, wsId, { name: 'Financial promotion', disclaimers: [{ title: 'Risk warning', body: 'Capital at risk.' }] });
		expect(await outcome(s.briefs.create(creator, wsId, { title: 'x', legalCategory: 'Gambling' }))).toBe('invalid');
		const b = await s.briefs.create(creator, wsId, { title: 'Savings ad', legalCategory: 'Financial promotion' });
		expect(b.disclaimers).toEqual([{ title: 'Risk warning', body: 'Capital at risk.' }]);
		// Later edits to the library do not rewrite what a brief already carries.
		await s.deliverables.updateCategory(admin, cat.id, { disclaimers: [{ title: 'Risk warning', body: 'Your capital is at risk.' }] });
		expect((await s.briefs.get(creator, b.id)).disclaimers[0]!.body).toBe('Capital at risk.');
		expect((await s.briefs.update(creator, b.id, { legalCategory: null })).disclaimers).toEqual([]);
		expect((await s.briefs.update(creator, b.id, { legalCategory: 'Financial promotion' })).disclaimers[0]!.body).toBe('Your capital is at risk.');
	});

	it('turns a deliverable’s latest draft into a proof with the stages of its category’s template', async () => {
		const template = await s.proofs.createTemplate(manager, wsId, { name: 'Legal review', stages: [{ name: 'Brand', reviewers: [reviewer.user.email] }, { name: 'Legal', reviewers: [manager.user.email], rule: 'gatekeeper' }] });
		await s.deliverables.createCategory(admin, wsId, { name: 'Regulated', proofTemplateId: template.id, disclaimers: [{ title: 'Terms', body: 'T&Cs apply.' }] });
		const b = await s.briefs.create(creator, wsId, { title: 'Card launch', fields: complete, legalCategory: 'Regulated', milestones: [{ name: 'First draft', dueAt: '2026-06-10', ownerId: creator.user.id }] });
		const withD = await s.deliverables.add(creator, b.id, { name: 'Homepage hero', spec: '2400×1200 JPG' });
		const d = withD.deliverables[0]!;
		await s.briefs.changeStatus(creator, b.id, { status: 'submitted' });
		expect(await outcome(s.deliverables.requestApproval(creator, d.id))).toBe('conflict');

		const v1 = (await s.assets.upload(creator, wsId, await png('#336699'))).version;
		await s.deliverables.update(creator, d.id, { assetId: v1.assetId });
		// A patch changes what it names and nothing else.
		expect((await s.briefs.get(creator, b.id)).deliverables[0]).toMatchObject({ name: 'Homepage hero', spec: '2400×1200 JPG', assetId: v1.assetId });
		expect(await outcome(s.deliverables.requestApproval(creator, d.id))).toBe('conflict');
		await s.briefs.signoff(manager, b.id, { kind: 'brief', decision: 'approved' });
		const v2 = (await s.assets.uploadVersion(creator, v1.assetId, await png('#336600'))).version;

		const { proof, brief } = await s.deliverables.requestApproval(creator, d.id);
		expect(proof.title).toBe('Card launch: Homepage hero');
		expect(proof.versions.map((v) => v.versionId)).toEqual([v2.id]);
		expect(proof.stages.map((st) => `${st.name}:${st.rule}`)).toEqual(['Brand:all', 'Legal:gatekeeper']);
		expect(brief.deliverables[0]).toMatchObject({ proofId: proof.id, state: 'in_review' });
		expect(brief.milestones).toMatchObject([{ name: 'First draft', dueAt: '2026-06-10', ownerId: creator.user.id }]);
		await s.proofs.decide(reviewer, proof.id, { versionId: v2.id, decision: 'approved' });
		await s.proofs.decide(manager, proof.id, { versionId: v2.id, decision: 'approved' });
		expect((await s.briefs.get(viewer, b.id)).progress).toEqual({ total: 1, approved: 1, inReview: 0 });
		expect(await outcome(s.deliverables.remove(creator, d.id))).toBe('conflict');

		// Outsiders learn nothing of briefs or deliverables.
		const stranger = await userWithWorkspace(s, 'Sam');
		expect(await outcome(s.briefs.get(stranger.actor, b.id))).toBe('not_found');
		expect(await outcome(s.deliverables.update(stranger.actor, d.id, { name: 'x' }))).toBe('not_found');
		expect(await outcome(s.briefs.list(stranger.actor, wsId, {}))).toBe('not_found');
	});

	it('reminds a milestone’s owner the day before and once overdue, on a schedule (time injected)', async () => {
		clock.set(new Date('2026-06-01T10:00:00Z'));
		const b = await s.briefs.create(manager, wsId, {
			title: 'Reminders',
			milestones: [
				{ name: 'Drafts', dueAt: '2026-06-02', ownerId: creator.user.id },
				{ name: 'Launch', dueAt: '2026-06-20', ownerId: creator.user.id },
				{ name: 'Nobody’s', dueAt: '2026-06-02' }
			]
		});
		const mine = async () => (await s.repos.review.notifications(creator.user.id, { unreadOnly: false, limit: 50 })).filter((n) => (n.data as { briefId?: string }).briefId === b.id).map((n) => `${n.kind}:${(n.data as { stage: string }).stage}`);
		expect((await s.briefReminders.sendReminders()).sent).toBe(0);
		clock.set(new Date('2026-06-02T06:00:00Z'));
		await s.briefReminders.sendReminders();
		await s.briefReminders.sendReminders();
		expect(await mine()).toEqual(['due_soon:Drafts']);
		clock.set(new Date('2026-06-03T00:10:00Z'));
		await s.briefReminders.sendReminders();
		expect((await mine()).sort()).toEqual(['due_soon:Drafts', 'overdue:Drafts']);
		// Moving the date earns fresh reminders; a closed brief's milestones stay quiet.
		const launch = (await s.briefs.get(manager, b.id)).milestones.find((m) => m.name === 'Launch')!;
		await s.briefs.update(manager, b.id, { milestones: [{ id: launch.id, name: 'Launch', dueAt: '2026-06-03', ownerId: creator.user.id }] });
		await s.briefReminders.sendReminders();
		expect(await mine()).toContain('due_soon:Launch');
		await s.briefs.changeStatus(manager, b.id, { status: 'cancelled' });
		clock.set(new Date('2026-06-05T00:00:00Z'));
		await s.briefReminders.sendReminders();
		expect(await mine()).not.toContain('overdue:Launch');
	});

	it('keeps private notes to their author and the people chosen; team comments to everyone on the brief', async () => {
		const b = await s.briefs.create(creator, wsId, { title: 'Notes' });
		await s.briefComments.add(creator, b.id, { body: 'Team: first round on Friday.' });
		const note = await s.briefComments.add(manager, b.id, { body: 'Budget may move; keep it quiet.', visibility: 'private', readerIds: [admin.user.id] });
		expect(note).toMatchObject({ visibility: 'private', readerIds: [admin.user.id], authorName: 'Max' });
		const bodies = async (a: Actor) => (await s.briefComments.list(a, b.id)).map((c) => c.body);
		expect(await bodies(manager)).toEqual(['Team: first round on Friday.', 'Budget may move; keep it quiet.']);
		expect(await bodies(admin)).toEqual(['Team: first round on Friday.', 'Budget may move; keep it quiet.']);
		expect(await bodies(creator)).toEqual(['Team: first round on Friday.']);
		expect(await bodies(viewer)).toEqual(['Team: first round on Friday.']);
		// Viewers read; reviewers and above write; only the author withdraws a comment, and only what they can see.
		expect(await outcome(s.briefComments.add(viewer, b.id, { body: 'x' }))).toBe('forbidden');
		expect(await outcome(s.briefComments.add(reviewer, b.id, { body: 'Looks good' }))).toBe('ok');
		expect(await outcome(s.briefComments.add(reviewer, b.id, { body: '  ' }))).toBe('invalid');
		expect(await outcome(s.briefComments.remove(creator, note.id))).toBe('not_found');
		expect(await outcome(s.briefComments.remove(admin, note.id))).toBe('forbidden');
		expect(await outcome(s.briefComments.remove(manager, note.id))).toBe('ok');
		expect(await bodies(admin)).toEqual(['Team: first round on Friday.', 'Looks good']);
		const stranger = await userWithWorkspace(s, 'Sue');
		expect(await outcome(s.briefComments.list(stranger.actor, b.id))).toBe('not_found');
	});

	it('links sections of the brand guidelines, and only sections of this workspace’s', async () => {
		const palette = await s.brand.create(manager, wsId, { kind: 'colours', title: 'Palette', colours: [{ name: 'Sea', hex: '#0a5b83' }] });
		const b = await s.briefs.create(creator, wsId, { title: 'Brand-linked', fields: { brandGuidelines: [palette.id, palette.id] } });
		expect(b.fields.brandGuidelines).toEqual([palette.id]);
		const elsewhere = await userWithWorkspace(s, 'Otto');
		const foreign = await s.brand.create(elsewhere.actor, elsewhere.ws.id, { kind: 'text', title: 'Theirs', body: '<p>x</p>' });
		const refused = await s.briefs.update(creator, b.id, { fields: { brandGuidelines: [foreign.id] } }).catch((e: { code: string; fields: Record<string, string> }) => e);
		expect(refused).toMatchObject({ code: 'invalid', fields: { 'fields.brandGuidelines': 'Not a section of the brand guidelines.' } });
		expect(await outcome(s.briefs.update(creator, b.id, { fields: { brandGuidelines: 'https://example.com' } }))).toBe('invalid');
		expect((await s.briefs.get(viewer, b.id)).fields.brandGuidelines).toEqual([palette.id]);
	});

	it('finds briefs by words in the title, the text fields or the body', async () => {
		const a = await s.briefs.create(creator, wsId, { title: 'Autumn knitwear', fields: { audience: 'Hikers and dog walkers' } });
		const b = await s.briefs.create(creator, wsId, { title: 'Winter coats' });
		await s.repos.briefs.setBodyText(b.id, 'Shoot on the glacier at dawn; models in layered wool.', new Date());
		const found = async (q: string) => (await s.briefs.list(viewer, wsId, { q })).map((x) => x.title);
		expect(await found('hikers')).toEqual([a.title]);
		expect(await found('glacier dawn')).toEqual([b.title]);
		// Stemmed words match, and a half-typed title still finds its brief.
		expect(await found('hiker dog')).toEqual([a.title]);
		expect(await found('Knitw')).toEqual([a.title]);
		expect(await found('wool OR knitwear')).toEqual(expect.arrayContaining([a.title, b.title]));
		expect(await found('100%_off')).toEqual([]);
		expect(await outcome(s.briefs.list(viewer, wsId, { q: 'x'.repeat(201) }))).toBe('invalid');
	});

	it('keeps each brief’s own history: what changed, who moved and signed it, what went to approval', async () => {
		const b = await s.briefs.create(creator, wsId, { title: 'History', fields: { audience: 'Teens' } });
		await s.briefs.update(creator, b.id, { title: 'History, retold', fields: { audience: 'Teens', keyMessage: 'Now' } });
		// Saving what is already there records nothing.
		await s.briefs.update(creator, b.id, { fields: { audience: 'Teens' } });
		await s.briefs.update(creator, b.id, { milestones: [{ name: 'Kick-off', dueAt: '2026-07-01' }] });
		await s.briefs.update(creator, b.id, { fields: complete });
		await s.deliverables.add(creator, b.id, { name: 'Poster' });
		await s.briefs.changeStatus(creator, b.id, { status: 'submitted' });
		await s.briefs.signoff(manager, b.id, { kind: 'budget', decision: 'rejected', note: 'Too high' });
		const feed = await s.audit.list(viewer, { briefId: b.id });
		expect(feed.items.map((e) => `${e.type}${e.data.changed ? ` ${(e.data.changed as string[]).join('|')}` : ''}`)).toEqual([
			'brief.signed_off',
			'brief.status_changed',
			'brief.updated Objectives|Audience|Key message|Budget',
			'brief.updated milestones',
			'brief.updated the title|Key message',
			'brief.created'
		]);
		// The workspace trail stays for managers; a brief's history for anyone who may read the brief.
		expect(await outcome(s.audit.list(viewer, { workspaceId: wsId }))).toBe('forbidden');
		const stranger = await userWithWorkspace(s, 'Stan');
		expect(await outcome(s.audit.list(stranger.actor, { briefId: b.id }))).toBe('not_found');
		expect((await s.audit.query(viewer, { briefId: b.id, type: 'brief.signed_off' })).items).toHaveLength(1);
	});

	it('tells the people mentioned in a comment, but not about a private note they cannot read', async () => {
		const b = await s.briefs.create(creator, wsId, { title: 'Mentions' });
		const mentions = async (a: Actor) => (await s.repos.review.notifications(a.user.id, { unreadOnly: false, limit: 100 })).filter((n) => n.kind === 'mention' && (n.data as { briefId?: string }).briefId === b.id);
		const c = await s.briefComments.add(creator, b.id, { body: '@Max and @Rita: first round Friday. @Cleo keeps notes.' });
		const [toMax] = await mentions(manager);
		expect(toMax).toMatchObject({ sourceKey: c.id, data: { briefId: b.id, briefTitle: 'Mentions', commentId: c.id, by: 'Cleo' } });
		expect(await mentions(reviewer)).toHaveLength(1);
		// Nobody is told about their own words.
		expect(await mentions(creator)).toHaveLength(0);
		await s.briefComments.add(manager, b.id, { body: '@Ada @Rita budget may move.', visibility: 'private', readerIds: [admin.user.id] });
		expect(await mentions(admin)).toHaveLength(1);
		expect(await mentions(reviewer)).toHaveLength(1);
	});
});
