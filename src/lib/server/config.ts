import path from 'node:path';
import { z } from 'zod';

const bool = z
	.enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
	.transform((v) => v === '1' || v === 'true' || v === 'yes');

const schema = z.object({
	PORT: z.coerce.number().int().min(0).max(65535).default(3000),
	HOST: z.string().min(1).default('127.0.0.1'),
	LOUPE_DATA_DIR: z.string().min(1).default('./data'),
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
		.optional()
		.or(z.literal('').transform(() => undefined)),
	LOUPE_PUBLIC_URL: z
		.url({ protocol: /^https?$/ })
		.optional()
		.or(z.literal('').transform(() => undefined)),
	LOUPE_TRUST_PROXY: bool.default(false),
	LOUPE_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
	LOUPE_MAX_UPLOAD: z.coerce.number().int().min(1024).default(5 * 1024 ** 3),
	LOUPE_JSON_LIMIT: z.coerce.number().int().min(1024).default(1024 * 1024),
	LOUPE_SHUTDOWN_MS: z.coerce.number().int().min(100).default(8000),
	LOUPE_JOBS: bool.default(true),
	REDIS_URL: z
		.string()
		.regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// or rediss:// URL')
		.optional()
		.or(z.literal('').transform(() => undefined)),
	/** Keeps several installations (or test runs) apart on one Redis. */
	LOUPE_REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).default('loupe'),
	LOUPE_FFMPEG: z.string().optional(),
	/** Outgoing mail, e.g. smtp://user:pass@mail.example.com:587; unset: notifications stay in-app. */
	SMTP_URL: z
		.string()
		.regex(/^smtps?:\/\//, 'SMTP_URL starts with smtp:// or smtps://')
		.optional()
		.or(z.literal('').transform(() => undefined)),
	LOUPE_MAIL_FROM: z.string().default('Loupe <loupe@localhost>'),
	LOUPE_LOG: z.enum(['silent', 'error', 'info', 'debug']).default('info')
});

export type Config = {
	port: number;
	host: string;
	dataDir: string;
	dbDir: string;
	filesDir: string;
	databaseUrl: string | undefined;
	publicUrl: string | undefined;
	trustProxy: boolean;
	sessionDays: number;
	jsonLimit: number;
	maxUploadBytes: number;
	shutdownMs: number;
	jobs: boolean;
	/** Set in scaled mode: collab processes share documents and events through Redis. */
	redis: { url: string; prefix: string } | undefined;
	ffmpeg: string | undefined;
	mail: { smtpUrl: string; from: string } | undefined;
	log: 'silent' | 'error' | 'info' | 'debug';
};

export class ConfigError extends Error {}

/** Parses the environment once, at a composition root; everything below takes the value. */
export function loadConfig(env: Record<string, string | undefined>): Config {
	const parsed = schema.safeParse(env);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
		throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
	}
	const e = parsed.data;
	const dataDir = path.resolve(e.LOUPE_DATA_DIR);
	return {
		port: e.PORT,
		host: e.HOST,
		dataDir,
		dbDir: path.join(dataDir, 'db'),
		filesDir: path.join(dataDir, 'files'),
		databaseUrl: e.DATABASE_URL,
		publicUrl: e.LOUPE_PUBLIC_URL ? new URL(e.LOUPE_PUBLIC_URL).origin : undefined,
		trustProxy: e.LOUPE_TRUST_PROXY,
		sessionDays: e.LOUPE_SESSION_DAYS,
		jsonLimit: e.LOUPE_JSON_LIMIT,
		maxUploadBytes: e.LOUPE_MAX_UPLOAD,
		shutdownMs: e.LOUPE_SHUTDOWN_MS,
		jobs: e.LOUPE_JOBS,
		redis: e.REDIS_URL ? { url: e.REDIS_URL, prefix: e.LOUPE_REDIS_PREFIX } : undefined,
		ffmpeg: e.LOUPE_FFMPEG || undefined,
		mail: e.SMTP_URL ? { smtpUrl: e.SMTP_URL, from: e.LOUPE_MAIL_FROM } : undefined,
		log: e.LOUPE_LOG
	};
}
