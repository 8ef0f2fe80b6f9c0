import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { backends, member } from '../helpers/db.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { connect, waitFor, type Outcome } from '../helpers/collab.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { BODY_FIELD, bodyText, briefDocName } from '#lib/shared/brief-doc.ts';

const complete = { objectives: '<p>Launch the summer range</p>', audience: 'Families in cities', keyMessage: 'Summer, sorted.', budget: { amount: 25000, currency: 'EUR' } };

/** A paragraph as Tiptap's Yjs binding writes it: an element named after the node, holding text. */
function paragraph(text: string) {
	const p = new Y.XmlElement('paragraph');
	p.insert(0, [new Y.XmlText(text)]);
	return p;
}
const body = (o: Outcome) => o.doc.getXmlFragment(BODY_FIELD);
const textOf = (o: Outcome) => bodyText(body(o));

/** Polls an async check (the projection runs after the document settles). */
async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 6000): Promise<T> {
	const end = Date.now() + ms;
	for (;;) {
		const v = await read();
		if (ok(v)) return v;
		if (Date.now() > end) throw new Error(`condition not met in time; last value: ${JSON.stringify(v)}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

/** The stateless "access" messages a connection receives when the server changes what it may do. */
function accessMessages(o: Outcome) {
	const seen: boolean[] = [];
	o.provider.on('stateless', ({ payload }: { payload: string }) => {
		const m = JSON.parse(payload) as { type?: string; readOnly?: boolean };
		if (m.type === 'access') seen.push(!!m.readOnly);
	});
	return seen;
}

describe.each(backends)('live brief bodies on /collab ($name)', (backend) => {
	let server: TestServer;
	let wsId: string;
	const actors = {} as Record<'admin' | 'manager' | 'cleo' | 'carl' | 'reviewer' | 'viewer', Actor>;
	const tokens = {} as Record<keyof typeof actors | 'outsider', string>;
	const open: HocuspocusProvider[] = [];
	const track = (o: Outcome) => (open.push(o.provider), o);
	const join = async (name: string, who: keyof typeof tokens) => track(await connect(server.wsUrl, name, tokens[who]));
	const settle = () => new Promise((r) => setTimeout(r, 250));

	beforeAll(async () => {
		server = await startServer(backend);
		const s = server.services;
		const setup = await s.auth.setup({ email: 'own@example.test', name: 'Own', password: 'long enough password', workspaceName: 'Briefs' });
		wsId = setup.workspace.id;
		actors.admin = { user: setup.user, via: { kind: 'cli' } };
		actors.manager = await member(s, wsId, 'manager', 'Max');
		actors.cleo = await member(s, wsId, 'creator', 'Cleo');
		actors.carl = await member(s, wsId, 'creator', 'Carl');
		actors.reviewer = await member(s, wsId, 'reviewer', 'Rita');
		actors.viewer = await member(s, wsId, 'viewer', 'Vic');
		for (const [k, a] of Object.entries(actors)) tokens[k as keyof typeof actors] = (await s.tokens.createFor(a.user.id, { name: 't' })).token;
		const outsider = await s.auth.createUser({ email: 'out@example.test', name: 'Out', password: 'long enough password' });
		await s.workspaces.create({ user: outsider, via: { kind: 'cli' } }, { name: 'Elsewhere' });
		tokens.outsider = (await s.tokens.createFor(outsider.id, { name: 't' })).token;
	});
	afterAll(async () => {
		for (const p of open) p.destroy();
		// Each document is stored as its last client leaves; let that finish before the
		// database closes, or the store fails (harmlessly, but loudly) mid-shutdown.
		for (const name of new Set(open.map((p) => p.configuration.name))) await eventually(() => server.services.collabDocs.load(name), (d) => d.updates.length === 0).catch(() => {});
		await settle();
		await server?.stop();
	});

	it('lets two creators type into the same body at once; both converge and the text is stored', async () => {
		const s = server.services;
		const brief = await s.briefs.create(actors.cleo, wsId, { title: 'Summer launch' });
		const name = briefDocName(brief.id);
		const a = await join(name, 'cleo');
		const b = await join(name, 'carl');
		expect([a.result, b.result, a.scope, b.scope]).toEqual(['synced', 'synced', 'read-write', 'read-write']);

		// Both add a paragraph before seeing the other's.
		body(a).insert(0, [paragraph('Audience: families in cities.')]);
		body(b).insert(0, [paragraph('Tone: warm and bright.')]);
		await waitFor(() => body(a).length === 2 && body(b).length === 2);
		expect(textOf(a)).toBe(textOf(b));

		// Then both type into one paragraph at the same time, at its start and its end.
		const first = (o: Outcome) => (body(o).get(0) as Y.XmlElement).get(0) as Y.XmlText;
		const line = first(a).toString();
		first(a).insert(0, 'NOTE ');
		first(b).insert(line.length, ' (agreed)');
		await waitFor(() => textOf(a) === textOf(b) && textOf(a).includes('NOTE') && textOf(a).includes('(agreed)'));
		expect(textOf(a).split('\n')).toEqual([`NOTE ${line} (agreed)`, expect.any(String)]);
		const converged = textOf(a);
		expect(converged).toContain('Audience: families in cities.');
		expect(converged).toContain('Tone: warm and bright.');

		// The projection writes the plain text once the document settles; the API shows it.
		const stored = await eventually(
			async () => (await s.briefs.get(actors.viewer, brief.id)).bodyText,
			(t) => t === converged
		);
		expect(stored).toBe(converged);
		const res = await fetch(`${server.url}/api/v1/briefs/${brief.id}`, { headers: { authorization: `Bearer ${tokens.viewer}` } });
		expect(res.status).toBe(200);
		expect(((await res.json()) as { bodyText: string }).bodyText).toBe(converged);

		// The Yjs document itself is stored: once everyone has left, a newcomer gets the same body.
		a.provider.destroy();
		b.provider.destroy();
		const storedBody = async () => {
			const { state, updates } = await s.collabDocs.load(name);
			const d = new Y.Doc();
			if (state) Y.applyUpdate(d, state);
			for (const u of updates) Y.applyUpdate(d, u.update);
			return bodyText(d.getXmlFragment(BODY_FIELD));
		};
		expect(await eventually(storedBody, (t) => t === converged)).toBe(converged);
		const later = await join(name, 'admin');
		expect(later.result).toBe('synced');
		expect(textOf(later)).toBe(converged);
	});

	it('connects viewers and reviewers read-only: what they type reaches nobody and is never stored', async () => {
		const s = server.services;
		const brief = await s.briefs.create(actors.cleo, wsId, { title: 'Read-only check' });
		const name = briefDocName(brief.id);
		const writer = await join(name, 'cleo');
		const viewer = await join(name, 'viewer');
		const reviewer = await join(name, 'reviewer');
		expect([viewer.result, viewer.scope, reviewer.result, reviewer.scope]).toEqual(['synced', 'readonly', 'synced', 'readonly']);

		body(viewer).insert(0, [paragraph('viewer was here')]);
		body(reviewer).insert(0, [paragraph('reviewer was here')]);
		body(writer).insert(0, [paragraph('The real brief.')]);
		await waitFor(() => textOf(viewer).includes('The real brief.'));
		await settle();
		expect(textOf(writer)).toBe('The real brief.');
		const stored = await eventually(
			async () => (await s.repos.briefs.byId(brief.id))!.bodyText,
			(t) => t !== ''
		);
		expect(stored).toBe('The real brief.');
	});

	it('closes the connection of a writer who puts anything but rich text in a body; nobody sees it, the body carries on', async () => {
		const s = server.services;
		const brief = await s.briefs.create(actors.cleo, wsId, { title: 'Guarded' });
		const name = briefDocName(brief.id);
		const cleo = await join(name, 'cleo');
		const carl = await join(name, 'carl');
		body(cleo).insert(0, [paragraph('Kept.')]);
		await waitFor(() => textOf(carl) === 'Kept.');
		let closedWith = '';
		carl.provider.on('close', ({ event }: { event: { reason: string } }) => (closedWith ||= event.reason));
		const script = new Y.XmlElement('script');
		script.insert(0, [new Y.XmlText('alert(1)')]);
		body(carl).insert(1, [script]);
		await waitFor(() => closedWith !== '');
		expect(closedWith).toBe('Change refused: the brief editor has no “script” block');
		carl.provider.destroy();
		// A hidden root is refused the same way: a brief keeps everything in its body.
		const sneaky = await join(name, 'carl');
		let sneakyClosed = '';
		sneaky.provider.on('close', ({ event }: { event: { reason: string } }) => (sneakyClosed ||= event.reason));
		sneaky.doc.getMap('stash').set('x', 'y'.repeat(1000));
		await waitFor(() => sneakyClosed !== '');
		expect(sneakyClosed).toMatch(/^Change refused: a brief keeps everything in its body/);
		sneaky.provider.destroy();
		body(cleo).insert(1, [paragraph('Still writing.')]);
		await settle();
		expect(textOf(cleo)).toBe('Kept.\nStill writing.');
		expect(cleo.doc.share.has('stash')).toBe(false);
		const stored = await eventually(async () => (await s.repos.briefs.byId(brief.id))!.bodyText, (t) => t.includes('Still writing.'));
		expect(stored).toBe('Kept.\nStill writing.');
	});

	it('refuses non-members and unknown briefs', async () => {
		const s = server.services;
		const brief = await s.briefs.create(actors.cleo, wsId, { title: 'Members only' });
		const outsider = await join(briefDocName(brief.id), 'outsider');
		expect(outsider.result).toMatch(/^denied:/);
		expect(body(outsider).length).toBe(0);
		expect((await join(briefDocName('00000000-0000-4000-8000-000000000000'), 'admin')).result).toMatch(/^denied:/);
		expect((await join(`brief:${brief.id.toUpperCase()}`, 'admin')).result).toMatch(/^denied:/);
	});

	it('follows the lifecycle: creators write until approval, managers until it closes, nobody after', async () => {
		const s = server.services;
		const brief = await s.briefs.create(actors.cleo, wsId, { title: 'Autumn catalogue', fields: complete });
		await s.deliverables.add(actors.cleo, brief.id, { name: 'Cover' });
		await s.briefs.changeStatus(actors.cleo, brief.id, { status: 'submitted' });
		const name = briefDocName(brief.id);
		const creator = await join(name, 'cleo');
		const manager = await join(name, 'manager');
		expect([creator.scope, manager.scope]).toEqual(['read-write', 'read-write']);
		const creatorHeard = accessMessages(creator);
		const managerHeard = accessMessages(manager);

		// Approval hands the body to managers: the creator's open connection turns read-only and is told so.
		await s.briefs.signoff(actors.manager, brief.id, { kind: 'brief', decision: 'approved' });
		await waitFor(() => creatorHeard.length === 1);
		expect(creatorHeard).toEqual([true]);
		body(creator).insert(0, [paragraph('creator after approval')]);
		body(manager).insert(0, [paragraph('manager after approval')]);
		await waitFor(() => textOf(creator).includes('manager after approval'));
		await settle();
		expect(textOf(manager)).toBe('manager after approval');
		expect((await join(name, 'carl')).scope).toBe('readonly');

		await s.briefs.changeStatus(actors.cleo, brief.id, { status: 'in_production' });
		await s.briefs.changeStatus(actors.manager, brief.id, { status: 'delivered' });
		await s.briefs.changeStatus(actors.manager, brief.id, { status: 'closed' });
		await waitFor(() => managerHeard.length === 1);
		expect(managerHeard).toEqual([true]);
		body(manager).insert(0, [paragraph('manager after closing')]);
		await settle();
		const admin = await join(name, 'admin');
		expect([admin.result, admin.scope]).toEqual(['synced', 'readonly']);
		expect(textOf(admin)).toBe('manager after approval');
		// A closed brief stays readable by its workspace.
		expect((await join(name, 'viewer')).result).toBe('synced');
	});

	it('re-checks open connections when a role changes: demoted goes read-only, removed is disconnected', async () => {
		const s = server.services;
		const brief = await s.briefs.create(actors.cleo, wsId, { title: 'Role changes' });
		const name = briefDocName(brief.id);
		const m = await member(s, wsId, 'creator', 'Dee');
		const victim = track(await connect(server.wsUrl, name, (await s.tokens.createFor(m.user.id, { name: 't' })).token));
		const watcher = await join(name, 'cleo');
		expect(victim.scope).toBe('read-write');
		const heard = accessMessages(victim);

		await s.workspaces.changeRole(actors.admin, wsId, m.user.id, { role: 'viewer' });
		await waitFor(() => heard.length === 1);
		expect(heard).toEqual([true]);
		body(victim).insert(0, [paragraph('after demotion')]);
		body(watcher).insert(0, [paragraph('marker')]);
		await waitFor(() => textOf(victim).includes('marker'));
		await settle();
		expect(textOf(watcher)).toBe('marker');

		let closed = false;
		victim.provider.on('close', () => (closed = true));
		await s.workspaces.removeMember(actors.admin, wsId, m.user.id);
		await waitFor(() => closed, 5000);
	});
});
