/**
 * Async transactions and single-row reads, written the same way whatever the engine, so the
 * services can await every query.
 *
 * PostgreSQL: Drizzle's transaction at SERIALIZABLE isolation (set in its `BEGIN`), so writes that must not
 * interleave (a once-only record checked then inserted, the next sitrep number, a day's
 * summary) behave as if one ran after the other, as on SQLite; when PostgreSQL finds two
 * concurrent transactions that could not have run one after the other it refuses one
 * (serialization failure, or a deadlock), which is run again from the start after a growing
 * random wait, up to a bound. A
 * transaction begun inside another (a service calling a service with `tx`) is a savepoint.
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
import type Database from 'better-sqlite3';
import { getTableName, is, sql, type Table } from 'drizzle-orm';
import { PgDatabase, PgDialect, PgTransaction } from 'drizzle-orm/pg-core';
import { PostgresJsSession, PostgresJsTransaction } from 'drizzle-orm/postgres-js/session';
import type postgres from 'postgres';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { Db } from './index';

/** The synchronous SQLite database under `Db` (better-sqlite3: statements run at once). */
type SyncDb = BaseSQLiteDatabase<'sync', unknown>;

/** The open transaction of the current async context, per connection. */
const open = new AsyncLocalStorage<{ db: Db; depth: number }>();

/** The tail of each connection's queue of transactions. */
const tails = new WeakMap<Db, Promise<unknown>>();

async function inSavepoint<T>(db: Db, depth: number, fn: (tx: Db) => Promise<T>): Promise<T> {
	const name = sql.raw(`sp${depth}`);
	const sync = db as unknown as SyncDb;
	sync.run(sql`savepoint ${name}`);
	try {
		const result = await open.run({ db, depth }, () => fn(db));
		sync.run(sql`release ${name}`);
		return result;
	} catch (error) {
		sync.run(sql`rollback to ${name}`);
		sync.run(sql`release ${name}`);
		throw error;
	}
}

async function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
	// better-sqlite3's own statements (compiled once per connection, `db/statements.ts`).
	const client = (db as unknown as { $client: Database.Database }).$client;
	client.prepare('begin immediate').run();
	try {
		const result = await open.run({ db, depth: 1 }, () => fn(db));
		client.prepare('commit').run();
		return result;
	} catch (error) {
		client.prepare('rollback').run();
		throw error;
	}
}

/** PostgreSQL's codes for "run it again": serialization failure, deadlock detected. */
const RETRYABLE = new Set(['40001', '40P01']);
/**
 * Enough for a crowd: 80 assessment submissions at once, each reading the day the others add to,
 * all committed within these (before they took the table's lock), spread by `backoffMs`.
 */
const ATTEMPTS = 30;

/**
 * A random wait of up to 2^attempt ms, at most half a second: the more often a transaction has
 * collided, the longer it may wait, so a crowd that collided thins out instead of colliding
 * again all together.
 */
const backoffMs = (attempt: number) => Math.random() * Math.min(500, 2 ** attempt);

/** Whether `error` is PostgreSQL asking for the transaction to be run again. */
export function retryable(error: unknown): boolean {
	for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
		if (RETRYABLE.has((e as { code?: string }).code ?? '')) return true;
	}
	return false;
}

/** What Drizzle's PostgreSQL database is made of (`drizzle-orm/postgres-js`), to begin with. */
interface PgSessionParts {
	client: postgres.Sql;
	dialect: PgDialect;
	schema: ConstructorParameters<typeof PostgresJsTransaction<never, never>>[2];
	options: ConstructorParameters<typeof PostgresJsSession<postgres.Sql, never, never>>[3];
}

/**
 * Drizzle's own transaction, begun as `BEGIN ISOLATION LEVEL SERIALIZABLE`: Drizzle's sends a
 * `SET TRANSACTION` after its `BEGIN`, one more round trip to the server for every write.
 */
function serializable<T>(db: PgDatabase<never>, fn: (tx: Db) => Promise<T>): Promise<T> {
	const session = (db as unknown as { session: PgSessionParts }).session;
	return session.client.begin('isolation level serializable', (client) => {
		const { dialect, schema, options } = session;
		// As Drizzle's own `transaction` makes them, the driver's transaction as the client.
		const inner = new PostgresJsSession(client as never, dialect, schema, options);
		return fn(new PostgresJsTransaction(dialect, inner as never, schema) as unknown as Db);
	}) as Promise<T>;
}

async function inPgTransaction<T>(db: PgDatabase<never>, fn: (tx: Db) => Promise<T>): Promise<T> {
	if (is(db, PgTransaction)) return db.transaction((tx) => fn(tx as unknown as Db));
	for (let attempt = 1; ; attempt++) {
		try {
			return await serializable(db, fn);
		} catch (error) {
			if (attempt >= ATTEMPTS || !retryable(error)) throw error;
			await new Promise((r) => setTimeout(r, backoffMs(attempt)));
		}
	}
}

/**
 * Runs `fn` in a transaction on `db`: all of it is written, or none of it when `fn` throws
 * (the error then goes on to the caller). Inside another transaction on the same connection it
 * is a savepoint of that one.
 */
export function transaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
	if (is(db, PgDatabase)) return inPgTransaction(db as unknown as PgDatabase<never>, fn);
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

/**
 * Makes the transaction `tx` the only one writing `table` until it ends, for writes that read
 * what each other write (a submission's duplicate check reads the day it then adds to). Call it
 * first in the transaction. On PostgreSQL it is `LOCK TABLE … IN SHARE ROW EXCLUSIVE MODE`, taken
 * before the transaction's snapshot (that comes with its first query), so each writer sees the
 * one before it and none is refused at commit to be run again: a crowd of submissions queues
 * instead of colliding (with serializable retries alone, 16 clients got 34 through a second).
 * Readers are not held up. On SQLite there is nothing to do: a transaction takes the write lock
 * as it begins. The lock is sent before this returns its promise, so the caller may issue its
 * first reads before awaiting it (they run after it, in one round trip), and await it after.
 */
export async function oneWriterAtATime(tx: Db, table: Table): Promise<void> {
	if (!is(tx, PgTransaction)) return;
	// Straight to the driver, sent at once: queries the caller issues next without awaiting this
	// go out behind it in the same round trip (postgres.js pipelines a connection's queries),
	// and run after it. Drizzle's own `execute` would start it a few microtasks later.
	const client = (tx as unknown as { session: { client: postgres.TransactionSql } }).session.client;
	const lock = client.unsafe(
		`lock table "${getTableName(table).replaceAll('"', '""')}" in share row exclusive mode`
	);
	void lock.execute();
	await lock;
}

/**
 * Whether `db` is a transaction open here (the one `transaction` passed to this async context's
 * work): a single write on it is already inside it, and needs no savepoint of its own.
 */
export function inOpenTransaction(db: Db): boolean {
	if (is(db, PgDatabase)) return is(db, PgTransaction);
	return open.getStore()?.db === db;
}

/**
 * A select's first row, or undefined, on either engine. SQLite's builder has `.get()`, which
 * stops at the first row: a `limit 1` there is bound as a parameter (Drizzle binds the number),
 * and SQLite compiles a statement whose LIMIT is bound again at every run.
 */
export async function first<T>(query: {
	limit(n: number): PromiseLike<T[]>;
}): Promise<T | undefined> {
	if ('get' in query && typeof query.get === 'function') {
		return (await (query.get as () => PromiseLike<T | undefined>).call(query)) ?? undefined;
	}
	const [row] = await query.limit(1);
	return row;
}
