import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './client.ts';

/** drizzle/ sits at the project root; this file is two levels below src/lib/server. */
export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../drizzle');

export async function migrate(database: Database, folder = migrationsFolder): Promise<void> {
	if (database.kind === 'pglite') {
		const { migrate } = await import('drizzle-orm/pglite/migrator');
		await migrate(database.db as never, { migrationsFolder: folder });
	} else {
		const { migrate } = await import('drizzle-orm/postgres-js/migrator');
		// Two processes starting together must not both apply the same migration.
		await database.exec('select pg_advisory_lock(7215001)');
		try {
			await migrate(database.db as never, { migrationsFolder: folder });
		} finally {
			await database.exec('select pg_advisory_unlock(7215001)');
		}
	}
}
