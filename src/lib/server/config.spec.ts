import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
	it('defaults to the embedded database under ./data on port 3000', () => {
		const c = loadConfig({});
		expect(c.port).toBe(3000);
		expect(c.databaseUrl).toBeUndefined();
		expect(c.dbDir).toBe(path.resolve('data/db'));
		expect(c.filesDir).toBe(path.resolve('data/files'));
	});

	it('moves both stores with LOUPE_DATA_DIR and takes Postgres from DATABASE_URL', () => {
		const c = loadConfig({ LOUPE_DATA_DIR: '/srv/loupe', DATABASE_URL: 'postgres://u@h/db', PORT: '8080', LOUPE_PUBLIC_URL: 'https://loupe.example.com/x' });
		expect(c.dbDir).toBe('/srv/loupe/db');
		expect(c.filesDir).toBe('/srv/loupe/files');
		expect(c.databaseUrl).toBe('postgres://u@h/db');
		expect(c.port).toBe(8080);
		expect(c.publicUrl).toBe('https://loupe.example.com');
	});

	it('names every bad variable in one clear error', () => {
		expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
		expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(/PORT[\s\S]*DATABASE_URL/);
	});
});
