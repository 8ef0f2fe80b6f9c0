import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/db.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { solid } from '../helpers/files.ts';

describe.each(backends)('ingest through the pg-boss queue on $name', (backend) => {
	let server: TestServer;
	let token: string;

	beforeAll(async () => {
		server = await startServer(backend, { jobs: true });
		const setup = await server.services.auth.setup({ email: 'q@example.test', name: 'Queue', password: 'long enough password', workspaceName: 'Queued' });
		token = (await server.services.tokens.createFor(setup.user.id, { name: 't' })).token;
	});
	afterAll(() => server?.stop());

	it('answers the upload at once with a processing version that a worker then makes ready', async () => {
		const form = new FormData();
		form.append('file', new Blob([new Uint8Array(await solid('png', 50, 40, '#4b0082'))]), 'queued.png');
		const res = await fetch(`${server.url}/api/v1/assets`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
		expect(res.status).toBe(201);
		const { version } = (await res.json()) as { version: { id: string; status: string } };
		expect(version.status).toBe('processing');
		let status = version.status;
		for (let i = 0; i < 150 && status === 'processing'; i++) {
			await new Promise((r) => setTimeout(r, 200));
			status = ((await (await fetch(`${server.url}/api/v1/versions/${version.id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { status: string }).status;
		}
		expect(status).toBe('ready');
	});
});
