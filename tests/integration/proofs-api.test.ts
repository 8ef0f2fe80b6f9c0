import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { backends } from '../helpers/db.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { solid } from '../helpers/files.ts';
import { startSmtp } from '../helpers/smtp.ts';
import { connect, waitFor } from '../helpers/collab.ts';
import { loupe } from '../helpers/cli.ts';
import { MarkupDoc } from '#lib/shared/markup-doc.ts';
import { markEntry } from '#lib/shared/markup-fixtures.ts';

// One backend is enough at the HTTP edge: the service suite covers both.
const backend = backends[backends.length - 1]!;
const root = path.resolve(import.meta.dirname, '../..');

describe(`proofs and audit API over HTTP on ${backend.name}`, () => {
	let server: TestServer;
	let smtp: Awaited<ReturnType<typeof startSmtp>>;
	const tokens: Record<string, string> = {};
	const people: Record<string, { id: string; email: string }> = {};
	let wsId: string;
	let versionId: string;

	const call = (who: string, method: string, p: string, body?: unknown) =>
		fetch(`${server.url}/api/v1${p}`, {
			method,
			headers: { authorization: `Bearer ${tokens[who]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body)
		});

	beforeAll(async () => {
		smtp = await startSmtp();
		server = await startServer(backend, { env: { SMTP_URL: smtp.url } });
		const s = server.services;
		const setup = await s.auth.setup({ email: 'olga@example.test', name: 'Olga', password: 'long enough password', workspaceName: 'Studio' });
		wsId = setup.workspace.id;
		people.olga = setup.user;
		tokens.olga = (await s.tokens.createFor(setup.user.id, { name: 't' })).token;
		for (const [name, role] of [
			['ann', 'reviewer'],
			['ben', 'reviewer'],
			['vic', 'viewer']
		] as const) {
			const u = await s.auth.createUser({ email: `${name}@example.test`, name: name[0]!.toUpperCase() + name.slice(1), password: 'long enough password' });
			await s.repos.workspaces.addMember(wsId, u.id, role);
			people[name] = u;
			tokens[name] = (await s.tokens.createFor(u.id, { name: 't' })).token;
		}
		const outsider = await s.auth.createUser({ email: 'out@example.test', name: 'Out', password: 'long enough password' });
		tokens.out = (await s.tokens.createFor(outsider.id, { name: 't' })).token;
		const form = new FormData();
		form.append('file', new Blob([new Uint8Array(await solid('png', 32, 32, '#884422'))]), 'poster.png');
		const up = await fetch(`${server.url}/api/v1/assets?workspaceId=${wsId}`, { method: 'POST', headers: { authorization: `Bearer ${tokens.olga}` }, body: form });
		versionId = ((await up.json()) as { version: { id: string } }).version.id;
	});
	afterAll(async () => {
		await server?.stop();
		await smtp?.close();
	});

	it('creates a proof, lists what waits on me, takes decisions and shows the trail', async () => {
		const bad = await call('olga', 'POST', '/proofs', { versionIds: [versionId], stages: [{ name: 'Brand', reviewers: ['ann@example.test'], rule: 'quorum' }] });
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'invalid', message: expect.stringMatching(/quorum/) });
		expect((await call('vic', 'POST', '/proofs', { versionIds: [versionId], stages: [{ name: 'A', reviewers: ['ann@example.test'] }] })).status).toBe(403);

		const res = await call('olga', 'POST', '/proofs', {
			versionIds: [versionId],
			stages: [
				{ name: 'Creative', reviewers: ['ann@example.test'], rule: 'all', dueAt: '2026-12-01T17:00:00Z' },
				{ name: 'Brand', reviewers: ['ben@example.test', 'legal@partner.example'], rule: 'gatekeeper', gatekeeper: 'ben@example.test' }
			]
		});
		expect(res.status).toBe(201);
		const proof = (await res.json()) as { id: string; status: string; stages: { name: string; status: string; reviewers: { email: string; guest: boolean }[] }[] };
		expect(proof.status).toBe('in_review');
		expect(proof.stages.map((st) => [st.name, st.status])).toEqual([
			['Creative', 'open'],
			['Brand', 'waiting']
		]);
		expect(proof.stages[1]!.reviewers.find((r) => r.email === 'legal@partner.example')!.guest).toBe(true);

		const mine = (await (await call('ann', 'GET', '/proofs?assignedTo=me')).json()) as { items: { id: string }[] };
		expect(mine.items.map((p) => p.id)).toEqual([proof.id]);
		expect(((await (await call('ben', 'GET', '/proofs?assignedTo=me')).json()) as { items: unknown[] }).items).toEqual([]);
		expect((await call('olga', 'GET', '/proofs?status=nope')).status).toBe(400);
		expect((await call('out', 'GET', `/proofs/${proof.id}`)).status).toBe(404);

		expect((await call('ben', 'POST', `/proofs/${proof.id}/decisions`, { versionId, decision: 'approved' })).status).toBe(409);
		expect((await call('olga', 'POST', `/proofs/${proof.id}/decisions`, { versionId, decision: 'approved' })).status).toBe(403);
		const first = await call('ann', 'POST', `/proofs/${proof.id}/decisions`, { versionId, decision: 'approved', note: 'Lovely' });
		expect(first.status).toBe(201);
		const again = await call('ann', 'POST', `/proofs/${proof.id}/decisions`, { versionId, decision: 'approved', note: 'Lovely' });
		const body = (await again.json()) as { decisions: { id: number }[]; proof: { stages: { status: string }[]; decisions: unknown[] } };
		expect(body.decisions[0]!.id).toBe(((await first.json()) as { decisions: { id: number }[] }).decisions[0]!.id);
		expect(body.proof.decisions).toHaveLength(1);
		expect(body.proof.stages.map((st) => st.status)).toEqual(['closed', 'open']);
		const done = (await (await call('ben', 'POST', `/proofs/${proof.id}/decisions`, { versionId, decision: 'approved_with_changes', note: 'Use the new logo lockup' })).json()) as { proof: { status: string } };
		expect(done.proof.status).toBe('approved');

		const trail = (await (await call('ann', 'GET', `/audit?proofId=${proof.id}&limit=3`)).json()) as { items: { seq: number; type: string; hash: string; prevHash: string; actor: { name: string } }[]; nextCursor: string };
		expect(trail.items.map((e) => e.type)).toEqual(['proof.closed', 'stage.closed', 'decision.made']);
		expect(trail.items[0]!.prevHash).toBe(trail.items[1]!.hash);
		const older = (await (await call('ann', 'GET', `/audit?proofId=${proof.id}&cursor=${trail.nextCursor}`)).json()) as { items: { type: string }[] };
		expect(older.items.map((e) => e.type)).toEqual(['guest.invited', 'stage.started', 'stage.closed', 'decision.made', 'stage.started', 'proof.created']);
		expect((await call('out', 'GET', `/audit?proofId=${proof.id}`)).status).toBe(404);
		expect((await call('ann', 'GET', `/audit?workspace=${wsId}`)).status).toBe(403);
		expect((await call('olga', 'GET', `/audit?cursor=abc`)).status).toBe(400);

		// A whole-file download is audited; a range request (a viewer) is not.
		expect((await fetch(`${server.url}/api/v1/versions/${versionId}/file`, { headers: { authorization: `Bearer ${tokens.olga}`, range: 'bytes=0-9' } })).status).toBe(206);
		expect((await call('olga', 'GET', `/versions/${versionId}/file`)).status).toBe(200);
		const downloads = (await (await call('olga', 'GET', `/audit?type=original.downloaded`)).json()) as { items: { subject: string; actor: { name: string } }[] };
		expect(downloads.items).toMatchObject([{ subject: `version:${versionId}`, actor: { name: 'Olga' } }]);

		// The report: every decision with who and when, the stages, and the chain hash of the newest event.
		const newest = trail.items[0]!;
		const html = await (await call('ann', 'GET', `/proofs/${proof.id}/report.html`)).text();
		for (const words of ['Creative', 'Brand', 'Lovely', 'Use the new logo lockup', 'Ann', 'Ben', 'Approved with changes', newest.hash]) expect(html).toContain(words);
		const pdfRes = await call('ann', 'GET', `/proofs/${proof.id}/report.pdf`);
		expect(pdfRes.status).toBe(200);
		expect(pdfRes.headers.get('content-type')).toBe('application/pdf');
		const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
		const pdf = await getDocument({ data: new Uint8Array(await pdfRes.arrayBuffer()), standardFontDataUrl: `${path.join(root, 'node_modules/pdfjs-dist/standard_fonts')}/` }).promise;
		let pdfText = '';
		for (let n = 1; n <= pdf.numPages; n++) pdfText += (await (await pdf.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ') + '\n';
		for (const words of ['Creative', 'Lovely', 'Use the new logo lockup', 'Approved with changes', 'poster v1', newest.hash]) expect(pdfText).toContain(words);
		expect((await call('out', 'GET', `/proofs/${proof.id}/report.pdf`)).status).toBe(404);

		const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
		expect(Object.keys(doc.paths['/proofs']!)).toEqual(['post', 'get']);
		expect(doc.paths['/proofs/{id}/decisions']!.post).toBeDefined();
		expect(doc.paths['/audit']!.get).toBeDefined();
	});

	it('lets a guest reach their own proof and its review rooms, and nothing else; withdrawing the link cuts them off', async () => {
		const form = new FormData();
		form.append('file', new Blob([new Uint8Array(await solid('png', 30, 30, '#225588'))]), 'banner.png');
		const up = await fetch(`${server.url}/api/v1/assets?workspaceId=${wsId}`, { method: 'POST', headers: { authorization: `Bearer ${tokens.olga}` }, body: form });
		const banner = ((await up.json()) as { version: { id: string } }).version.id;
		const created = await call('olga', 'POST', '/proofs', { versionIds: [banner], stages: [{ name: 'Legal', reviewers: ['counsel@partner.example'] }] });
		const proof = (await created.json()) as { id: string; stages: { reviewers: { id: string }[] }[] };
		await waitFor(() => smtp.to('counsel@partner.example').length === 1, 10_000);
		const mail = smtp.to('counsel@partner.example')[0]!;
		const token = /\/g\/(g1\.[A-Za-z0-9_-]+)/.exec(mail.text.replace(/=\r?\n/g, ''))![1]!;
		const asGuest = (method: string, p: string, body?: unknown) =>
			fetch(`${server.url}/api/v1${p}`, { method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });

		const view = await asGuest('GET', '/guest/proof');
		expect(view.status).toBe(200);
		const seen = (await view.json()) as { proof: { versions: { versionId: string }[]; stage: { name: string } } };
		expect(seen.proof.stage.name).toBe('Legal');
		expect(JSON.stringify(seen)).not.toContain(wsId);
		expect((await asGuest('POST', '/guest/name', { name: 'Counsel' })).status).toBe(200);

		// Every other endpoint treats the guest's token as no credential at all.
		const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
		const ids: Record<string, string> = { id: proof.id, reviewerId: proof.stages[0]!.reviewers[0]!.id, n: '1', name: 'thumb', token: 'x' };
		let checked = 0;
		for (const [template, methods] of Object.entries(doc.paths)) {
			if (template.startsWith('/guest/') || template === '/openapi.json') continue;
			const p = template.replace(/\{(\w+)\}/g, (_, k: string) => (k === 'id' && template.startsWith('/versions') ? banner : (ids[k] ?? proof.id)));
			for (const method of Object.keys(methods)) {
				const res = await asGuest(method.toUpperCase(), p, method === 'get' || method === 'delete' ? undefined : {});
				expect(res.status, `${method} ${template}`).toBe(401);
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(40);

		// Review rooms: the proof's versions only, with marks of their own.
		const room = await connect(server.wsUrl, `version:${banner}`, token);
		expect(room.result).toBe('synced');
		const m = new MarkupDoc(room.doc);
		const reviewerId = proof.stages[0]!.reviewers[0]!.id;
		m.put(markEntry(reviewerId, { authorName: 'Counsel' }));
		await waitFor(() => room.provider.unsyncedChanges === 0);
		const other = await connect(server.wsUrl, `version:${versionId}`, token);
		expect(other.result).toMatch(/^denied/);
		other.provider.destroy();

		let closed = '';
		room.provider.on('close', ({ event }: { event: { reason: string } }) => (closed ||= event.reason || String((event as unknown as { code: number }).code)));
		expect((await call('olga', 'DELETE', `/proofs/${proof.id}/guests/${reviewerId}`)).status).toBe(204);
		await waitFor(() => closed !== '', 5000);
		room.provider.destroy();
		expect((await asGuest('GET', '/guest/proof')).status).toBe(401);
		expect((await connect(server.wsUrl, `version:${banner}`, token)).result).toMatch(/^denied/);
		const trail = (await (await call('olga', 'GET', `/audit?proofId=${proof.id}`)).json()) as { items: { type: string }[] };
		expect(trail.items.map((e) => e.type)).toContain('guest.revoked');
	});

	it.runIf(backend.name === 'postgres')(
		'`audit verify` passes an intact trail and names the first broken event with exit code 1',
		async () => {
			const env = { DATABASE_URL: server.databaseUrl! };
			const ok = await loupe(['audit', 'verify'], env);
			expect(ok.code).toBe(0);
			expect(ok.out).toMatch(/Audit trail intact: \d+ events in 1 workspace/);
			const sql = postgres(server.databaseUrl!, { max: 1, onnotice: () => {} });
			try {
				await sql.begin(async (tx) => {
					await tx.unsafe('set local session_replication_role = replica');
					await tx.unsafe(`update audit_event set data = data || '{"note": "Edited later"}' where workspace_id = '${wsId}' and seq = 3`);
				});
			} finally {
				await sql.end();
			}
			const broken = await loupe(['audit', 'verify', '--workspace', 'studio'], env);
			expect(broken.code).toBe(1);
			expect(broken.err).toMatch(new RegExp(`workspace ${wsId} at event #3 \\(.+\\): its content does not match its hash`));
		},
		60_000
	);
});
