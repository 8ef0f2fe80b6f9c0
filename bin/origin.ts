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
	// Kit treats a state-changing request with no Content-Type and no Origin as a cross-site
	// form post. A bearer-token API call (curl -X DELETE) is neither: browsers cannot attach
	// an Authorization header cross-site without CORS, which Loupe does not grant.
	if (req.headers.authorization && !req.headers['content-type'] && req.url?.startsWith('/api/')) {
		req.headers['content-type'] = 'application/octet-stream';
	}
}
