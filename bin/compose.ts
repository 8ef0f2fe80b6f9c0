import fs from 'node:fs/promises';
import type { Config } from '#lib/server/config.ts';
import { openDatabase, type Database } from '#lib/server/db/client.ts';
import { migrate } from '#lib/server/db/migrate.ts';
import { createServices, type Services } from '#lib/server/services.ts';
import { createLocalStorage } from '#lib/server/storage/local-storage.ts';
import { resolveFfmpeg } from '#lib/server/ingest/ffmpeg-path.ts';
import { createMailer } from '#lib/server/notifications/mailer.ts';

export type Log = (level: 'error' | 'info' | 'debug', message: string) => void;

export function createLog(level: Config['log']): Log {
	const order = { silent: 0, error: 1, info: 2, debug: 3 } as const;
	return (l, message) => {
		if (order[l] > order[level]) return;
		(l === 'error' ? console.error : console.log)(`[loupe] ${message}`);
	};
}

export type App = { config: Config; database: Database; services: Services; log: Log; close: () => Promise<void> };

/** config → database (migrated) → services: the part every composition root shares. */
export async function createApp(config: Config, opts: { now?: () => Date; log?: Log } = {}): Promise<App> {
	const log = opts.log ?? createLog(config.log);
	await fs.mkdir(config.filesDir, { recursive: true });
	const database = await openDatabase({ databaseUrl: config.databaseUrl, dbDir: config.dbDir });
	try {
		await migrate(database);
	} catch (e) {
		await database.close();
		throw e;
	}
	const mailer = config.mail ? createMailer(config.mail) : null;
	const services = createServices(database, {
		now: opts.now,
		sessionDays: config.sessionDays,
		storage: createLocalStorage(config.filesDir),
		maxUploadBytes: config.maxUploadBytes,
		ffmpeg: resolveFfmpeg(config.ffmpeg),
		log: (m) => log('error', m),
		publicUrl: config.publicUrl ?? `http://localhost:${config.port}`,
		mailer
	});
	return {
		config,
		database,
		services,
		log,
		close: async () => {
			mailer?.close();
			await database.close();
		}
	};
}
