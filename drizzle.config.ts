import { defineConfig } from 'drizzle-kit';

// Migrations are generated against the schema only; which database they run on is
// chosen at start (PGlite by default, Postgres with DATABASE_URL).
export default defineConfig({
	dialect: 'postgresql',
	schema: './src/lib/server/db/schema/index.ts',
	out: './drizzle',
	casing: 'snake_case'
});
