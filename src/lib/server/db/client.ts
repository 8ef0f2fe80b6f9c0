import fs from 'node:fs/promises';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type Database = {
	db: Db;
	kind: 'pglite' | 'postgres';
	/** Raw SQL runner for what drizzle does not cover (pg-boss, maintenance). */
	exec: (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
	/** The PGlite instance when embedded, so pg-boss can share it. */
	pglite?: import('@electric-sql/pglite').PGlite;
	close: () => Promise<void>;
};

export type DbOptions = { databaseUrl?: string; dbDir?: string; maxConnections?: number };

export async function openDatabase(opts: DbOptions): Promise<Database> {
	if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.maxConnections ?? 10);
	if (!opts.dbDir) throw new Error('openDatabase needs databaseUrl or dbDir');
	return openPglite(opts.dbDir);
}

async function openPostgres(url: string, max: number): Promise<Database> {
	const { default: postgres } = await import('postgres');
	const { drizzle } = await import('drizzle-orm/postgres-js');
	const sql = postgres(url, { max, onnotice: () => {}, connection: { application_name: 'loupe' } });
	const db = drizzle(sql, { schema, casing: 'snake_case' }) as unknown as Db;
	return {
		db,
		kind: 'postgres',
		exec: async (text, params = []) => ({ rows: (await sql.unsafe(text, params as never[])) as never }),
		close: () => sql.end({ timeout: 5 })
	};
}

async function openPglite(dir: string): Promise<Database> {
	const { PGlite } = await import('@electric-sql/pglite');
	const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
	const { drizzle } = await import('drizzle-orm/pglite');
	// PGlite does not create parent folders.
	if (dir !== 'memory://') await fs.mkdir(path.dirname(path.resolve(dir)), { recursive: true });
	const client = await PGlite.create(dir === 'memory://' ? undefined : dir, { extensions: { pg_trgm } });
	const db = drizzle(client, { schema, casing: 'snake_case' }) as unknown as Db;
	return {
		db,
		kind: 'pglite',
		pglite: client,
		exec: async (text, params = []) => ({ rows: (await client.query(text, params)).rows as never }),
		close: async () => {
			if (!client.closed) await client.close();
		}
	};
}

/** `db.execute` returns rows directly on postgres.js and as `{ rows }` on PGlite. */
export function rowsOf<T>(result: unknown): T[] {
	return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}
