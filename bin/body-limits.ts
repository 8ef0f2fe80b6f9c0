import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '#lib/server/config.ts';

/** Everything but file uploads: forms and JSON are small. */
export const FORM_LIMIT = 10 * 1024 * 1024;
const UPLOAD = /^\/api\/v1\/assets(?:\/[0-9a-f-]{36}\/versions)?\/?(?:\?|$)/i;
const TUS = /^\/api\/v1\/uploads(?:\/|\?|$)/i;

export const isUpload = (req: IncomingMessage) =>
	(req.method === 'POST' && UPLOAD.test(req.url ?? '')) || ((req.method === 'PATCH' || req.method === 'POST') && TUS.test(req.url ?? ''));

/**
 * adapter-node allows any body size (Kit's single limit cannot tell uploads from forms);
 * this gate refuses an oversized body from its Content-Length before a byte of it is read.
 * Returns false when it has answered the request itself.
 */
export function checkBodySize(req: IncomingMessage, res: ServerResponse, config: Pick<Config, 'maxUploadBytes'>): boolean {
	const upload = isUpload(req);
	const limit = upload ? config.maxUploadBytes + 1024 * 1024 : FORM_LIMIT;
	const length = req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
	if (length !== null && length > limit) {
		return refuse(res, 413, 'too_large', upload ? `The upload is larger than the limit of ${Math.floor(config.maxUploadBytes / 1024 ** 2)} MiB.` : 'The request body is too large.');
	}
	// Only uploads may stream a body of unknown length; Kit buffers everything else.
	if (length === null && req.headers['transfer-encoding'] && !upload) {
		return refuse(res, 411, 'invalid', 'Send a Content-Length with this request.');
	}
	return true;
}

function refuse(res: ServerResponse, status: number, code: string, message: string): false {
	res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
	res.end(JSON.stringify({ error: { code, message } }));
	return false;
}
