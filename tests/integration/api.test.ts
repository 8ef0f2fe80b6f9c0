import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { backends } from '../helpers/db.ts';
import { login, startServer, type TestServer } from '../helpers/server.ts';

const password = 'correct horse battery';

describe.each(backends)('REST API over HTTP on $name', (backend) => {
	let server: TestServer;
	let cookie: string;
	let token: string;
	let wsId: string;

	const call = (p: string, init: RequestInit & { auth?: 'cookie' | 'token' | 'none'; json?: unknown } = {}) => {
		const headers = new Headers(init.headers);
		if (init.auth === 'cookie') {
			headers.set('cookie', cookie);
			if (!headers.has('origin')) headers.set('origin', server.url);
		}
		if ((init.auth ?? 'token') === 'token') headers.set('authorization', `Bearer ${token}`);
		if (init.json !== undefined) headers.set('content-type', 'application/json');
		return fetch(`${server.url}/api/v1${p}`, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
	};

	beforeAll(async () => {
		server = await startServer(backend);
		const setup = await server.services.auth.setup({ email: 'owner@example.test', name: 'Olive', password, workspaceName: 'Acme' });
		wsId = setup.workspace.id;
		cookie = await login(server, 'owner@example.test', password);
		const res = await call('/tokens', { method: 'POST', auth: 'cookie', json: { name: 'test' } });
		expect(res.status).toBe(201);
		token = ((await res.json()) as { token: string }).token;
	});
	afterAll(() => server?.stop());

	it('GET /me answers to the session cookie and to a bearer token alike', async () => {
		for (const auth of ['cookie', 'token'] as const) {
			const res = await call('/me', { auth });
			expect(res.status).toBe(200);
			const body = (await res.json()) as { user: { email: string }; workspaces: { name: string; role: string }[] };
			expect(body.user.email).toBe('owner@example.test');
			expect(body.workspaces).toEqual([expect.objectContaining({ name: 'Acme', role: 'admin' })]);
		}
	});

	it('answers every failure with {error:{code,message}} and the fitting status', async () => {
		const cases: [Promise<Response>, number, string][] = [
			[call('/me', { auth: 'none' }), 401, 'unauthenticated'],
			[call('/me', { auth: 'none', headers: { authorization: 'Bearer lp_forgedforgedforgedforgedforgedforged' } }), 401, 'unauthenticated'],
			[call('/workspaces', { method: 'POST', json: { name: '' } }), 400, 'invalid'],
			[call('/workspaces', { method: 'POST', body: '{"name":', headers: { 'content-type': 'application/json' } }), 400, 'invalid'],
			[call('/workspaces', { method: 'POST', body: 'name=x', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type'],
			[call('/workspaces', { method: 'POST', json: { name: 'x'.repeat(2 * 1024 * 1024) } }), 413, 'too_large'],
			[call('/workspaces/not-a-uuid'), 404, 'not_found'],
			[call('/workspaces/00000000-0000-4000-8000-000000000000'), 404, 'not_found'],
			[call('/no/such/endpoint'), 404, 'not_found'],
			[call('/me', { method: 'PUT', json: {} }), 405, 'method_not_allowed'],
			[call(`/workspaces/${'00000000-0000-4000-8000-000000000000'}/members`, { method: 'POST', json: { email: 'a@b.test', role: 'boss' } }), 404, 'not_found']
		];
		for (const [pending, status, code] of cases) {
			const res = await pending;
			expect(res.status, `${res.url} → ${status}`).toBe(status);
			expect(res.headers.get('content-type')).toContain('application/json');
			const body = (await res.json()) as { error: { code: string; message: string } };
			expect(body.error.code).toBe(code);
			expect(body.error.message.length).toBeGreaterThan(5);
		}
	});

	it('rejects cookie-authenticated state changes from another origin, JSON included', async () => {
		const evil = await call('/workspaces', { method: 'POST', auth: 'cookie', headers: { origin: 'https://evil.example' }, json: { name: 'Evil' } });
		expect(evil.status).toBe(403);
		expect(((await evil.json()) as { error: { code: string } }).error.code).toBe('forbidden');
		const sneaky = await call('/workspaces', { method: 'POST', auth: 'none', headers: { cookie, 'sec-fetch-site': 'cross-site' }, json: { name: 'Evil' } });
		expect(sneaky.status).toBe(403);
		const names = ((await (await call('/workspaces')).json()) as { items: { name: string }[] }).items.map((w) => w.name);
		expect(names).not.toContain('Evil');
		const ok = await call('/workspaces', { method: 'POST', auth: 'cookie', json: { name: 'Second' } });
		expect(ok.status).toBe(201);
		const form = await fetch(`${server.url}/login`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a&password=b' });
		expect(form.status).toBe(403);
	});

	it('sends security headers on pages, API responses and static files', async () => {
		const page = await fetch(`${server.url}/login`);
		const csp = page.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).not.toContain('unsafe-eval');
		expect(csp).toMatch(/script-src 'self'/);
		for (const res of [page, await call('/me'), await fetch(`${server.url}/favicon.svg`)]) {
			expect(res.headers.get('x-content-type-options')).toBe('nosniff');
			expect(res.headers.get('referrer-policy')).toBeTruthy();
		}
		expect((await call('/me')).headers.get('content-security-policy')).toContain("default-src 'none'");
	});

	it('manages members and invitations end to end', async () => {
		const inv = await call(`/workspaces/${wsId}/invitations`, { method: 'POST', json: { role: 'creator', maxUses: 2 } });
		expect(inv.status).toBe(201);
		const created = (await inv.json()) as { token: string; url: string; invitation: { id: string; status: string } };
		expect(created.url).toBe(`${server.url}/invite/${created.token}`);
		expect(created.invitation.status).toBe('active');

		const second = await server.services.auth.createUser({ email: 'second@example.test', name: 'Sam', password });
		const secondToken = (await server.services.tokens.createFor(second.id, { name: 't' })).token;
		const as2 = (p: string, init: RequestInit & { json?: unknown } = {}) =>
			fetch(`${server.url}/api/v1${p}`, {
				...init,
				headers: { authorization: `Bearer ${secondToken}`, ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}) },
				body: init.json !== undefined ? JSON.stringify(init.json) : undefined
			});
		expect((await as2(`/workspaces/${wsId}`)).status).toBe(404);
		const accepted = await as2(`/invitations/${created.token}/accept`, { method: 'POST' });
		expect(accepted.status).toBe(200);
		expect(((await accepted.json()) as { role: string }).role).toBe('creator');

		const members = (await (await call(`/workspaces/${wsId}/members`)).json()) as { items: { email: string; role: string; userId: string }[] };
		expect(members.items.map((m) => m.email).sort()).toEqual(['owner@example.test', 'second@example.test']);
		expect((await as2(`/workspaces/${wsId}/invitations`)).status).toBe(403);

		const patch = await call(`/workspaces/${wsId}/members/${second.id}`, { method: 'PATCH', json: { role: 'viewer' } });
		expect(await patch.json()).toEqual({ userId: second.id, role: 'viewer' });
		const bad = await call(`/workspaces/${wsId}/members/${second.id}`, { method: 'PATCH', json: { role: 'overlord' } });
		expect(bad.status).toBe(400);

		expect((await call(`/workspaces/${wsId}/invitations/${created.invitation.id}`, { method: 'DELETE' })).status).toBe(204);
		const list = (await (await call(`/workspaces/${wsId}/invitations`)).json()) as { items: { id: string; status: string }[] };
		expect(list.items.find((i) => i.id === created.invitation.id)?.status).toBe('revoked');
		expect(JSON.stringify(list)).not.toContain('tokenHash');

		expect((await call(`/workspaces/${wsId}/members/${second.id}`, { method: 'DELETE' })).status).toBe(204);
		expect((await as2(`/workspaces/${wsId}`)).status).toBe(404);
	});

	it('creates, lists and revokes API tokens; a revoked token is refused at once', async () => {
		const made = await call('/tokens', { method: 'POST', auth: 'cookie', json: { name: 'temp', expiresInDays: 30 } });
		const { token: temp, apiToken } = (await made.json()) as { token: string; apiToken: { id: string; prefix: string } };
		expect(temp.startsWith(apiToken.prefix)).toBe(true);
		const listed = (await (await call('/tokens')).json()) as { items: { id: string }[] };
		expect(listed.items.map((t) => t.id)).toContain(apiToken.id);
		expect(JSON.stringify(listed)).not.toContain(temp);
		expect((await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${temp}` } })).status).toBe(200);
		// A bare DELETE, as curl sends it: no body, no Content-Type, no Origin.
		expect((await fetch(`${server.url}/api/v1/tokens/${apiToken.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })).status).toBe(204);
		expect((await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${temp}` } })).status).toBe(401);
	});

	it('serves a valid OpenAPI 3.1 document that lists every endpoint', async () => {
		const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
		expect(doc.openapi).toBe('3.1.0');
		const result = await new Validator().validate(doc as never);
		expect(result.errors ?? []).toEqual([]);
		expect(result.valid).toBe(true);

		const root = path.resolve(import.meta.dirname, '../../src/routes/api/v1');
		const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('+server.ts'));
		for (const file of files) {
			const dir = '/' + path.dirname(file);
			// An optional segment ([[id]]) serves both the path with and without it.
			const routes = [dir.replace(/\/\[\[\w+\]\]/g, ''), dir.replace(/\[\[(\w+)\]\]/g, '{$1}')].map((r) => r.replace(/\[(\w+)\]/g, '{$1}'));
			const methods = [...fs.readFileSync(path.join(root, file), 'utf8').matchAll(/export const (GET|POST|PATCH|PUT|DELETE)\b/g)].map((m) => m[1]!.toLowerCase());
			for (const m of methods) expect(routes.some((r) => doc.paths[r]?.[m]), `${m.toUpperCase()} ${routes[1]} is missing from the OpenAPI document`).toBe(true);
		}
	});

	it('issues collab tickets to signed-in users only', async () => {
		const res = await call('/collab/ticket', { method: 'POST', auth: 'cookie' });
		expect(res.status).toBe(200);
		expect(((await res.json()) as { ticket: string }).ticket).toMatch(/^t1\./);
		expect((await call('/collab/ticket', { method: 'POST', auth: 'none' })).status).toBe(401);
	});

	it('answers too-fast sign-in retries with 429 and Retry-After', async () => {
		await server.services.auth.createUser({ email: 'slow@example.test', name: 'Slow', password });
		const attempt = (pw: string) =>
			fetch(`${server.url}/login`, {
				method: 'POST',
				redirect: 'manual',
				headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, accept: 'application/json' },
				body: new URLSearchParams({ email: 'slow@example.test', password: pw })
			});
		for (let i = 0; i < 5; i++) expect((await attempt('wrong password')).status).toBe(401);
		const limited = await attempt(password);
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		expect(await limited.text()).toContain('Too many failed sign-in attempts');
	});
});
