import http from 'node:http';
import type { TLSSocket } from 'node:tls';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from '#lib/server/config.ts';
import { setAppContext } from '#lib/server/app-context.ts';
import { startJobs } from '#lib/server/jobs/jobs.ts';
import { createCollab, type Collab } from '#collab/collab.ts';
import { connectEventBus } from '#lib/server/event-bus.ts';
import { createApp } from './compose.ts';
import { buildDir } from './paths.ts';
import { stampOrigin } from './origin.ts';
import { checkBodySize } from './body-limits.ts';

const BASE_HEADERS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'strict-origin-when-cross-origin',
	'x-frame-options': 'DENY'
};

/** Hands /collab upgrades to the collab server and listens; resolves with the port bound. */
async function listen(server: http.Server, collab: Collab, config: Config): Promise<number> {
	server.on('upgrade', (req, socket, head) => {
		if (!collab.handleUpgrade(req, socket, head)) socket.destroy();
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(config.port, config.host, () => resolve());
	});
	const address = server.address();
	return typeof address === 'object' && address ? address.port : config.port;
}

/** One process, one port: pages, API, /collab and job workers. */
export async function serve(config: Config) {
	const app = await createApp(config);
	const { services, log } = app;
	setAppContext({ config, services });

	// adapter-node reads these when its handler is imported; the values are headers this
	// server writes itself on every request (see origin.ts), so clients cannot forge them.
	process.env.KIT_PROTOCOL_HEADER = 'x-loupe-proto';
	process.env.KIT_HOST_HEADER = 'x-loupe-host';
	process.env.KIT_ADDRESS_HEADER = 'x-loupe-addr';
	// Body sizes are limited per route by checkBodySize (uploads are large, forms are not).
	process.env.KIT_BODY_SIZE_LIMIT = 'Infinity';
	const { handler } = (await import(pathToFileURL(path.join(buildDir, 'handler.js')).href)) as {
		handler: (req: http.IncomingMessage, res: http.ServerResponse) => void;
	};

	const bus = config.redis ? await connectEventBus(services.events, { ...config.redis, log: (m) => log('error', m) }) : null;
	const collab = createCollab({ services, log: (m) => log('error', m), redis: config.redis, databaseUrl: config.databaseUrl });
	await collab.ready;
	const jobs = config.jobs
		? await startJobs({ database: app.database, databaseUrl: config.databaseUrl, jobs: services.jobs, work: true, log: (l, m) => log(l, m) })
		: null;
	if (jobs) services.dispatcher.attach(jobs.send);

	const server = http.createServer((req, res) => {
		stampOrigin(req, config, (req.socket as TLSSocket).encrypted === true);
		for (const [k, v] of Object.entries(BASE_HEADERS)) res.setHeader(k, v);
		if (checkBodySize(req, res, config)) handler(req, res);
	});
	const port = await listen(server, collab, config);
	const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
	log('info', `Loupe is running on ${config.publicUrl ?? `http://${shown}:${port}`} (${app.database.kind === 'pglite' ? `embedded database in ${config.dbDir}` : 'PostgreSQL'})`);

	let closing: Promise<void> | undefined;
	const close = () =>
		(closing ??= (async () => {
			log('info', 'Shutting down: storing open documents…');
			server.close();
			await collab.close();
			server.closeAllConnections();
			await jobs?.stop();
			await bus?.close();
			await app.close();
		})());

	return { server, port, url: `http://${shown}:${port}`, close };
}

/**
 * Scaled mode: a process that only serves /collab, beside web processes, sharing documents
 * and membership changes with them through Redis (REDIS_URL) and state through Postgres.
 */
export async function serveCollab(config: Config) {
	if (!config.redis || !config.databaseUrl) throw new Error('`loupe collab` runs beside other processes: set DATABASE_URL and REDIS_URL.');
	const app = await createApp(config);
	const { services, log } = app;
	const bus = await connectEventBus(services.events, { ...config.redis, log: (m) => log('error', m) });
	const collab = createCollab({ services, log: (m) => log('error', m), redis: config.redis, databaseUrl: config.databaseUrl });
	await collab.ready;
	const server = http.createServer((req, res) => {
		for (const [k, v] of Object.entries(BASE_HEADERS)) res.setHeader(k, v);
		const ok = req.url === '/healthz';
		res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' });
		res.end(JSON.stringify(ok ? { ok: true } : { error: { code: 'not_found', message: 'This process serves /collab only.' } }));
	});
	const port = await listen(server, collab, config);
	log('info', `Loupe collab is running on ws://${config.host}:${port}/collab`);
	let closing: Promise<void> | undefined;
	const close = () =>
		(closing ??= (async () => {
			server.close();
			await collab.close();
			server.closeAllConnections();
			await bus.close();
			await app.close();
		})());
	return { server, port, services, close };
}

export function onShutdownSignals(close: () => Promise<void>, timeoutMs: number) {
	let started = false;
	const stop = (signal: string) => {
		if (started) return;
		started = true;
		const timer = setTimeout(() => {
			console.error(`[loupe] shutdown took longer than ${timeoutMs} ms; exiting`);
			process.exit(1);
		}, timeoutMs);
		timer.unref();
		close().then(
			() => process.exit(0),
			(e) => {
				console.error(`[loupe] error during shutdown (${signal}):`, e);
				process.exit(1);
			}
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}
