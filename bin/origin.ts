import type { IncomingMessage } from 'node:http';
import type { Config } from '#lib/server/config.ts';

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim() || undefined;

/** The origin and client address a request really has, from config, a trusted proxy, or the socket. */
export function requestOrigin(req: IncomingMessage, config: Pick<Config, 'publicUrl' | 'trustProxy'>, encrypted: boolean) {
	if (config.publicUrl) {
		const u = new URL(config.publicUrl);
		return { proto: u.protocol.slice(0, -1), host: u.host, addr: clientAddress(req, config.trustProxy) };
	}
	const proto = (config.trustProxy && first(req.headers['x-forwarded-proto'])) || (encrypted ? 'https' : 'http');
	const host = (config.trustProxy && first(req.headers['x-forwarded-host'])) || req.headers.host || 'localhost';
	return { proto, host, addr: clientAddress(req, config.trustProxy) };
}

const clientAddress = (req: IncomingMessage, trustProxy: boolean) =>
	(trustProxy && first(req.headers['x-forwarded-for'])) || req.socket.remoteAddress || '';

/** Overwrites whatever the client sent in the headers adapter-node was told to trust. */
export function stampOrigin(req: IncomingMessage, config: Pick<Config, 'publicUrl' | 'trustProxy'>, encrypted: boolean) {
	const o = requestOrigin(req, config, encrypted);
	req.headers['x-loupe-proto'] = o.proto === 'https' ? 'https' : 'http';
	req.headers['x-loupe-host'] = o.host;
	req.headers['x-loupe-addr'] = o.addr;
	// Kit rejects a state-changing form-typed or untyped request whose Origin is not ours.
	// Forgery needs an ambient credential, the session cookie; an API call that carries a
	// bearer token or no cookie at all (curl -X DELETE) has nothing to forge, so it counts
	// as same-origin. Cookie-carrying requests keep their real Origin and are checked.
	if (req.url?.startsWith('/api/') && !SAFE.has(req.method ?? 'GET') && (req.headers.authorization || !hasSessionCookie(req))) {
		req.headers.origin = `${req.headers['x-loupe-proto']}://${o.host}`;
	}
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const hasSessionCookie = (req: IncomingMessage) => /(?:^|;\s*)loupe_session=/.test(req.headers.cookie ?? '');
