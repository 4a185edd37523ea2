/**
 * Async transactions and single-row reads, written the same way whatever the engine, so the
 * services can await every query (issue 16: PostgreSQL behind the same services).
 *
 * better-sqlite3 runs one connection per process and its transactions are synchronous. An async
 * transaction on it is `BEGIN IMMEDIATE … COMMIT` around awaited work, so two of them must never
 * be open at once on the connection: a process-wide queue per connection runs them one after
 * another, and one begun inside another (a service calling a service) becomes a savepoint of it.
 * `BEGIN IMMEDIATE` takes SQLite's write lock at the start, so several server processes on one
 * file wait their turn (busy_timeout) instead of failing half-way.
 *
 * Rule for the services: every write goes through `transaction`, even a single statement, and
 * the work inside uses `tx`, never the outer `db`. A read outside a transaction may see the
 * writes of another request's transaction that is still open on the same connection.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import type { Db } from './index';

/** The open transaction of the current async context, per connection. */
const open = new AsyncLocalStorage<{ db: Db; depth: number }>();

/** The tail of each connection's queue of transactions. */
const tails = new WeakMap<Db, Promise<unknown>>();

async function inSavepoint<T>(db: Db, depth: number, fn: (tx: Db) => Promise<T>): Promise<T> {
	const name = sql.raw(`sp${depth}`);
	db.run(sql`savepoint ${name}`);
	try {
		const result = await open.run({ db, depth }, () => fn(db));
		db.run(sql`release ${name}`);
		return result;
	} catch (error) {
		db.run(sql`rollback to ${name}`);
		db.run(sql`release ${name}`);
		throw error;
	}
}

async function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
	db.run(sql`begin immediate`);
	try {
		const result = await open.run({ db, depth: 1 }, () => fn(db));
		db.run(sql`commit`);
		return result;
	} catch (error) {
		db.run(sql`rollback`);
		throw error;
	}
}

/**
 * Runs `fn` in a transaction on `db`: all of it is written, or none of it when `fn` throws
 * (the error then goes on to the caller). Inside another transaction on the same connection it
 * is a savepoint of that one.
 */
export function transaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
	const current = open.getStore();
	if (current?.db === db) return inSavepoint(db, current.depth + 1, fn);
	const previous = tails.get(db) ?? Promise.resolve();
	const run = previous.then(
		() => inTransaction(db, fn),
		() => inTransaction(db, fn)
	);
	tails.set(
		db,
		run.catch(() => undefined)
	);
	return run;
}

/** A select's first row, or undefined: what `.get()` was, on either engine. */
export async function first<T>(query: {
	limit(n: number): PromiseLike<T[]>;
}): Promise<T | undefined> {
	const [row] = await query.limit(1);
	return row;
}
