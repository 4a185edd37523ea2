/**
 * Whether a database error is a unique constraint refusing a duplicate, on either engine:
 * better-sqlite3 says `SQLITE_CONSTRAINT_UNIQUE` (or `…_PRIMARYKEY`), PostgreSQL SQLSTATE 23505.
 * Drizzle wraps the driver's error in its own, so the chain of causes is followed.
 */
const CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505']);

export function isUniqueViolation(e: unknown): boolean {
	for (let at = e, depth = 0; at && typeof at === 'object' && depth < 5; depth++) {
		const { code, cause } = at as { code?: unknown; cause?: unknown };
		if (typeof code === 'string' && CODES.has(code)) return true;
		at = cause;
	}
	return false;
}
