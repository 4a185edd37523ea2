/**
 * Which database engine this process serves: one choice made at start from `DATABASE_URL`
 * (PostgreSQL for `postgres://…` or `postgresql://…`, else SQLite's file). Kept free of any
 * driver so the schema module can read it before a connection exists.
 */
export type Engine = 'sqlite' | 'postgres';

export const DEFAULT_DATABASE_URL = 'data/sahakar.db';

/** Which engine a `DATABASE_URL` names. */
export function databaseEngine(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): Engine {
	return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

/** `DATABASE_URL` as SQLite's file path, optionally written `file:path`; `:memory:` for a throwaway one. */
export function databasePath(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): string {
	return url.startsWith('file:') ? url.slice('file:'.length) : url;
}

/** The engine of this process, fixed when it starts: the schema's tables are that engine's. */
export const ENGINE: Engine = databaseEngine();
