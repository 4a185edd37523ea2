/**
 * Compiled statements kept per connection, keyed by their SQL text. Drizzle prepares every
 * query it runs anew, and compiling the SQL was the largest single cost of a field submission
 * (profiled: ~13% of its CPU, the SQL repeated exactly each time). Only SQLite needs this; a
 * PostgreSQL driver keeps its own named statements, so the module goes with the engine.
 */
import type Database from 'better-sqlite3';

/** Distinct query shapes the app runs are a few hundred at most; past this the oldest go. */
const LIMIT = 500;

/**
 * Makes `sqlite.prepare` return the connection's earlier statement for the same SQL. A statement
 * keeps the modes its last user set (`raw`, `pluck`, `expand`), so each comes back plain; one
 * still being iterated cannot run again until the iteration ends, so that caller gets a new one.
 */
export function cacheStatements(sqlite: Database.Database): void {
	const compile = sqlite.prepare.bind(sqlite);
	const kept = new Map<string, Database.Statement>();
	sqlite.prepare = ((source: string) => {
		const hit = kept.get(source);
		if (hit && !hit.busy) {
			// Most recently used last, so the first key is the one to drop.
			kept.delete(source);
			kept.set(source, hit);
			if (hit.reader) hit.raw(false).pluck(false).expand(false);
			return hit;
		}
		const statement = compile(source);
		if (hit) return statement;
		kept.set(source, statement);
		if (kept.size > LIMIT) kept.delete(kept.keys().next().value as string);
		return statement;
	}) as typeof sqlite.prepare;
}
