import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { stampOrigin } from './origin.ts';

const req = (headers: Record<string, string>, method = 'GET', url = '/'): IncomingMessage =>
	({ headers: { ...headers }, method, url, socket: { remoteAddress: '10.1.2.3' } }) as unknown as IncomingMessage;

describe('request origin stamping', () => {
	it('ignores forwarded headers unless a proxy is trusted', () => {
		const r = req({ host: 'localhost:3000', 'x-forwarded-proto': 'https', 'x-forwarded-for': '1.2.3.4', 'x-loupe-host': 'evil' });
		stampOrigin(r, { publicUrl: undefined, trustProxy: false }, false);
		expect(r.headers).toMatchObject({ 'x-loupe-proto': 'http', 'x-loupe-host': 'localhost:3000', 'x-loupe-addr': '10.1.2.3' });
		const p = req({ host: 'internal:3000', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'loupe.example', 'x-forwarded-for': '1.2.3.4, 10.0.0.1' });
		stampOrigin(p, { publicUrl: undefined, trustProxy: true }, false);
		expect(p.headers).toMatchObject({ 'x-loupe-proto': 'https', 'x-loupe-host': 'loupe.example', 'x-loupe-addr': '1.2.3.4' });
	});

	it('uses the configured public URL over anything the client says', () => {
		const r = req({ host: 'attacker.example' });
		stampOrigin(r, { publicUrl: 'https://loupe.example.com', trustProxy: false }, false);
		expect(r.headers).toMatchObject({ 'x-loupe-proto': 'https', 'x-loupe-host': 'loupe.example.com' });
	});

	it('treats cookie-less API writes as same-origin, but leaves cookie-carrying ones to the CSRF check', () => {
		const bearer = req({ host: 'h:1', authorization: 'Bearer x' }, 'DELETE', '/api/v1/tokens/1');
		stampOrigin(bearer, { publicUrl: undefined, trustProxy: false }, false);
		expect(bearer.headers.origin).toBe('http://h:1');
		const browser = req({ host: 'h:1', cookie: 'a=1; loupe_session=abc', origin: 'https://evil.example' }, 'POST', '/api/v1/workspaces');
		stampOrigin(browser, { publicUrl: undefined, trustProxy: false }, false);
		expect(browser.headers.origin).toBe('https://evil.example');
		const page = req({ host: 'h:1' }, 'POST', '/login');
		stampOrigin(page, { publicUrl: undefined, trustProxy: false }, false);
		expect(page.headers.origin).toBeUndefined();
	});
});
