import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/db.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { orientedJpeg, solid, tinyPdf } from '../helpers/files.ts';

// One backend is enough here: the service suite covers both; this checks the HTTP edge.
const backend = backends[backends.length - 1]!;

describe(`asset API over HTTP on ${backend.name}`, () => {
	let server: TestServer;
	let token: string;
	let wsId: string;
	const auth = () => ({ authorization: `Bearer ${token}` });

	const post = (path: string, parts: Record<string, string | Blob>, name = 'file') => {
		const form = new FormData();
		for (const [k, v] of Object.entries(parts)) {
			if (typeof v === 'string') form.append(k, v);
			else form.append(k === 'file' ? 'file' : k, v, name);
		}
		return fetch(`${server.url}/api/v1${path}`, { method: 'POST', headers: auth(), body: form });
	};

	beforeAll(async () => {
		server = await startServer(backend);
		const setup = await server.services.auth.setup({ email: 'lib@example.test', name: 'Lib', password: 'long enough password', workspaceName: 'Library' });
		wsId = setup.workspace.id;
		token = (await server.services.tokens.createFor(setup.user.id, { name: 't' })).token;
	});
	afterAll(() => server?.stop());

	it('uploads with POST /assets (multipart, fields after the file too) and returns {asset, version}', async () => {
		const form = new FormData();
		form.append('title', 'Beach');
		form.append('file', new Blob([new Uint8Array(await orientedJpeg())]), 'beach.jpg');
		form.append('tags', 'summer,beach');
		form.append('description', 'Sent after the file part');
		const res = await fetch(`${server.url}/api/v1/assets`, { method: 'POST', headers: auth(), body: form });
		expect(res.status).toBe(201);
		const body = (await res.json()) as { asset: { id: string; title: string; tags: string[]; description: string; workspaceId: string }; version: { id: string; status: string; renditions: { name: string; url: string }[]; fileUrl: string } };
		expect(body.asset).toMatchObject({ title: 'Beach', workspaceId: wsId, description: 'Sent after the file part' });
		expect(body.asset.tags.sort()).toEqual(['beach', 'summer']);
		// Without a job runner the ingest ran inline, so the version is ready already.
		expect(body.version.status).toBe('ready');

		const thumb = await fetch(`${server.url}${body.version.renditions.find((r) => r.name === 'thumb')!.url}`, { headers: auth() });
		expect(thumb.status).toBe(200);
		expect(thumb.headers.get('content-type')).toBe('image/webp');
		expect(thumb.headers.get('x-content-type-options')).toBe('nosniff');
		expect(thumb.headers.get('content-security-policy')).toContain('sandbox');

		const file = await fetch(`${server.url}${body.version.fileUrl}`, { headers: auth() });
		expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="beach.jpg"/);
		expect(file.headers.get('accept-ranges')).toBe('bytes');
		const whole = Buffer.from(await file.arrayBuffer());
		const part = await fetch(`${server.url}${body.version.fileUrl}`, { headers: { ...auth(), range: 'bytes=2-9' } });
		expect(part.status).toBe(206);
		expect(part.headers.get('content-range')).toBe(`bytes 2-9/${whole.length}`);
		expect(Buffer.from(await part.arrayBuffer())).toEqual(whole.subarray(2, 10));
		expect((await fetch(`${server.url}${body.version.fileUrl}`, { headers: { ...auth(), range: 'bytes=999999-' } })).status).toBe(416);

		const detail = (await (await fetch(`${server.url}/api/v1/assets/${body.asset.id}`, { headers: auth() })).json()) as { versions: unknown[] };
		expect(detail.versions).toHaveLength(1);
	});

	it('adds a version with POST /assets/{id}/versions and keeps v1 downloadable', async () => {
		const first = (await (await post('/assets', { file: new Blob([new Uint8Array(await solid('png', 20, 20, '#101010'))]) }, 'mark.png')).json()) as { asset: { id: string }; version: { id: string; fileUrl: string } };
		const res = await post(`/assets/${first.asset.id}/versions`, { file: new Blob([new Uint8Array(await solid('png', 40, 20, '#202020'))]) }, 'mark-v2.png');
		expect(res.status).toBe(201);
		expect(((await res.json()) as { version: { number: number } }).version.number).toBe(2);
		const v1 = await fetch(`${server.url}${first.version.fileUrl}`, { headers: auth() });
		expect(v1.status).toBe(200);
	});

	it('answers bad uploads with the one error shape and keeps the library intact', async () => {
		const before = ((await (await fetch(`${server.url}/api/v1/assets?limit=200`, { headers: auth() })).json()) as { items: unknown[] }).items.length;
		const wrongName = await post('/assets', { file: new Blob([new Uint8Array(await solid('png'))]) }, 'photo.jpg');
		expect(wrongName.status).toBe(415);
		const noFile = await post('/assets', { title: 'nothing' });
		expect(noFile.status).toBe(400);
		const notMultipart = await fetch(`${server.url}/api/v1/assets`, { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: '{}' });
		expect(notMultipart.status).toBe(415);
		const dupBytes = tinyPdf('dup');
		expect((await post('/assets', { file: new Blob([new Uint8Array(dupBytes)]) }, 'a.pdf')).status).toBe(201);
		const dup = await post('/assets', { file: new Blob([new Uint8Array(dupBytes)]) }, 'b.pdf');
		expect(dup.status).toBe(409);
		expect(((await dup.json()) as { error: { details: { duplicateOf: string } } }).error.details.duplicateOf).toMatch(/^[0-9a-f-]{36}$/);
		const after = ((await (await fetch(`${server.url}/api/v1/assets?limit=200`, { headers: auth() })).json()) as { items: unknown[] }).items.length;
		expect(after).toBe(before + 1);
	});

	it('refuses an oversized upload from its Content-Length before reading the body', async () => {
		const { request } = await import('node:http');
		const port = new URL(server.url).port;
		const status = await new Promise<number>((resolve, reject) => {
			const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/assets', headers: { ...auth(), 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(6 * 1024 ** 3) } }, (res) => {
				resolve(res.statusCode ?? 0);
				res.resume();
			});
			req.on('error', reject);
			req.write('--x\r\n'); // a few bytes of a body that would be 6 GiB
		});
		expect(status).toBe(413);
		const big = await fetch(`${server.url}/api/v1/workspaces`, { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: 'x'.repeat(11 * 1024 * 1024) });
		expect(big.status).toBe(413);
	});

	it('survives a client that gives up halfway through an upload, and keeps no partial file', async () => {
		const { request } = await import('node:http');
		const fs = await import('node:fs');
		const path = await import('node:path');
		const port = new URL(server.url).port;
		const head = `--x\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`;
		const body = Buffer.concat([Buffer.from(head), await solid('png', 400, 400, '#777777'), Buffer.alloc(200_000, 7)]);
		await new Promise<void>((resolve) => {
			const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/assets', headers: { ...auth(), 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(body.length + 1000) } });
			req.on('error', () => resolve());
			req.write(body.subarray(0, 100_000), () => setTimeout(() => {
				req.destroy();
				resolve();
			}, 100));
		});
		await new Promise((r) => setTimeout(r, 300));
		expect((await fetch(`${server.url}/api/v1/me`, { headers: auth() })).status).toBe(200);
		const tmp = path.join(server.filesDir, '.tmp');
		expect(fs.existsSync(tmp) ? fs.readdirSync(tmp) : []).toEqual([]);
	});

	it('lists with filters and pages, in the documented shape', async () => {
		const res = await fetch(`${server.url}/api/v1/assets?tag=summer&limit=5`, { headers: auth() });
		const body = (await res.json()) as { items: { title: string; current: { number: number; renditions: { name: string; url: string }[] } }[]; nextCursor: string | null };
		expect(body.items.map((a) => a.title)).toEqual(['Beach']);
		// Each item carries its newest version, so a grid gets thumbnails in one request.
		expect(body.items[0]!.current.number).toBe(1);
		const thumb = body.items[0]!.current.renditions.find((r) => r.name === 'thumb')!;
		const img = await fetch(`${server.url}${thumb.url}`, { headers: auth() });
		expect(img.headers.get('cache-control')).toContain('immutable');
		expect(body.nextCursor).toBeNull();
		const bad = await fetch(`${server.url}/api/v1/assets?status=published`, { headers: auth() });
		expect(bad.status).toBe(400);
	});
});
