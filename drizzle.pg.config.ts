import { defineConfig } from 'drizzle-kit';

/** PostgreSQL's migrations, from `schema/pg` (see `drizzle.config.ts` for SQLite's). */
export default defineConfig({
	schema: './src/lib/server/db/schema/pg/index.ts',
	out: './drizzle/pg',
	dialect: 'postgresql',
	casing: 'snake_case',
	strict: true,
	verbose: true
});
