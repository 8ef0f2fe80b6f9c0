import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tus from 'tus-js-client';
import { backends } from '../helpers/db.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { orientedJpeg } from '../helpers/files.ts';

const backend = backends[0]!;

describe('resumable uploads (tus) over HTTP', () => {
	let server: TestServer;
	let token: string;
	let other: string;
	let wsId: string;

	beforeAll(async () => {
		server = await startServer(backend);
		const setup = await server.services.auth.setup({ email: 'tus@example.test', name: 'Tus', password: 'long enough password', workspaceName: 'Resumable' });
		wsId = setup.workspace.id;
		token = (await server.services.tokens.createFor(setup.user.id, { name: 't' })).token;
		const o = await server.services.auth.createUser({ email: 'o@example.test', name: 'O', password: 'long enough password' });
		other = (await server.services.tokens.createFor(o.id, { name: 't' })).token;
	});
	afterAll(() => server?.stop());

	const start = (bytes: Buffer, metadata: Record<string, string>, opts: Partial<tus.UploadOptions> = {}) =>
		new tus.Upload(bytes, {
			endpoint: `${server.url}/api/v1/uploads`,
			headers: { authorization: `Bearer ${token}` },
			chunkSize: 512,
			retryDelays: [],
			metadata,
			...opts
		});

	it('uploads in chunks, resumes after an interruption, and ingests the result like any upload', async () => {
		const bytes = await orientedJpeg();
		expect(bytes.length).toBeGreaterThan(512 * 2);
		let uploadUrl = '';
		// First attempt: stop after the first chunk, as a dropped connection would.
		await new Promise<void>((resolve, reject) => {
			const first: tus.Upload = start(bytes, { filename: 'beach.jpg', workspaceId: wsId, title: 'Resumed', tags: 'tus,beach' }, {
				onChunkComplete: () => {
					uploadUrl = first.url!;
					void first.abort().then(resolve);
				},
				onError: reject
			});
			first.start();
		});
		expect(uploadUrl).toContain('/api/v1/uploads/');
		const head = await fetch(uploadUrl, { method: 'HEAD', headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' } });
		expect(Number(head.headers.get('upload-offset'))).toBe(512);

		// Someone else cannot see or continue it.
		expect((await fetch(uploadUrl, { method: 'HEAD', headers: { authorization: `Bearer ${other}`, 'tus-resumable': '1.0.0' } })).status).toBe(404);

		const body = await new Promise<string>((resolve, reject) => {
			const resumed = start(bytes, {}, { uploadUrl, onSuccess: ({ lastResponse }) => resolve(lastResponse.getBody()), onError: reject });
			resumed.start();
		});
		const result = JSON.parse(body) as { asset: { title: string; tags: string[] }; version: { status: string; size: number; metadata: { width: number; height: number } } };
		expect(result.asset.title).toBe('Resumed');
		expect(result.asset.tags.sort()).toEqual(['beach', 'tus']);
		expect(result.version).toMatchObject({ status: 'ready', size: bytes.length, metadata: { width: 200, height: 400 } });
	});

	it('refuses uploads without a session or token, too large, or into a workspace the user is not in', async () => {
		const create = (headers: Record<string, string>) =>
			fetch(`${server.url}/api/v1/uploads`, { method: 'POST', headers: { 'tus-resumable': '1.0.0', 'upload-length': '10', ...headers } });
		expect((await create({})).status).toBe(401);
		expect((await create({ authorization: `Bearer ${token}`, 'upload-length': String(6 * 1024 ** 3), 'upload-metadata': `workspaceId ${Buffer.from(wsId).toString('base64')}` })).status).toBe(413);
		const foreign = await create({ authorization: `Bearer ${other}`, 'upload-metadata': `workspaceId ${Buffer.from(wsId).toString('base64')}` });
		expect(foreign.status).toBe(404);
	});
});
