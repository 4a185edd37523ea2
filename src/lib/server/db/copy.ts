/**
 * `npm run db:copy -- FROM TO`: a deployment's database from SQLite to PostgreSQL or back. The
 * source is read in one snapshot and left as it is; the target is migrated, must hold no rows,
 * and is written in one transaction, table by table in foreign-key order, so it ends with all of
 * the source or nothing. Rows go through the two Drizzle schemas (same keys on both, checked by
 * `schema/pg/schema.test.ts`), which turn each engine's timestamps, booleans and JSON into the
 * other's. Derived tables (SQLite's R*Tree of area boxes, its PostgreSQL twin) are refilled by
 * the target's own triggers. On PostgreSQL the planner's statistics are gathered (`analyze`) once
 * the rows are in.
 */
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { count, getTableName, gt, sql, type Column, type SQL, type Table } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { databasePath, openSqlite, type Db, type SqliteDb } from './index';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { transaction } from './transaction';
import { isPostgresUrl, migratePg, openPg, pgMigrationsDir, type PgDb } from './pg';
import * as sqliteSchema from './schema/sqlite';
import {
	columnName,
	columnsOf,
	copyOrder,
	describeTable,
	pgTables,
	sqliteTables,
	type Engine
} from './tables';

export interface TableCount {
	table: string;
	source: number;
	target: number;
}

/** The subset of a Drizzle database both engines' builders share, awaited alike. */
interface Queries {
	select(): {
		from(t: Table): {
			where(w: SQL | undefined): {
				orderBy(...c: Column[]): { limit(n: number): PromiseLike<Record<string, unknown>[]> };
			};
		};
	};
	insert(t: Table): { values(rows: Record<string, unknown>[]): PromiseLike<unknown> };
	execute?: unknown;
}

interface Side {
	engine: Engine;
	q: Queries;
	tables: Table[];
	count(table: Table): Promise<number>;
	/** The last id each numbered table handed out (deleted rows' ids included), by table. */
	lastIds(): Promise<Map<string, number>>;
	maxOf(table: Table, column: string): Promise<number>;
}

/** Names each side in messages without its password. */
export function describeUrl(url: string): string {
	if (!isPostgresUrl(url)) return databasePath(url);
	const u = new URL(url);
	u.password = '';
	return u.toString().replace(/:@/, '@');
}

const BATCH_VALUES = 30_000;

function keyColumns(table: Table): Column[] {
	const byName = new Map(Object.values(columnsOf(table)).map((c) => [columnName(c), c]));
	return describeTable(table).primaryKey.map((name) => byName.get(name) as Column);
}

function after(keys: Column[], row: Record<string, unknown> | undefined): SQL | undefined {
	if (!row) return undefined;
	const byKey = Object.entries(columnsOf(keys[0].table));
	const value = (c: Column) => row[byKey.find(([, col]) => col === c)?.[0] as string];
	if (keys.length === 1) return gt(keys[0], value(keys[0]));
	return sql`(${sql.join(keys, sql`, `)}) > (${sql.join(
		keys.map((c) => sql`${value(c)}`),
		sql`, `
	)})`;
}

async function* rowsOf(side: Side, table: Table): AsyncGenerator<Record<string, unknown>[]> {
	const keys = keyColumns(table);
	const size = Math.max(1, Math.floor(BATCH_VALUES / Object.keys(columnsOf(table)).length));
	let last: Record<string, unknown> | undefined;
	for (;;) {
		const rows = await side.q
			.select()
			.from(table)
			.where(after(keys, last))
			.orderBy(...keys)
			.limit(size);
		if (!rows.length) return;
		yield rows;
		last = rows[rows.length - 1];
	}
}

function journalLength(dir: string): number {
	const journal = JSON.parse(readFileSync(resolve(dir, 'meta/_journal.json'), 'utf8')) as {
		entries: unknown[];
	};
	return journal.entries.length;
}

/** `db` is Drizzle over `client`: a transaction on it when writing. */
function sqliteSide(
	client: Database.Database,
	db: SqliteDb | Db = drizzle(client, { schema: sqliteSchema, casing: 'snake_case' }) as SqliteDb
): Side {
	const q = db as unknown as SqliteDb;
	return {
		engine: 'sqlite',
		q: db as unknown as Queries,
		tables: sqliteTables,
		count: async (t) => (await q.select({ n: count() }).from(t))[0]?.n ?? 0,
		maxOf: async (t, c) =>
			(await q.select({ m: sql<number | null>`max(${sql.identifier(c)})` }).from(t))[0]?.m ?? 0,
		lastIds: async () => {
			const has = client
				.prepare("select 1 from sqlite_master where type = 'table' and name = 'sqlite_sequence'")
				.get();
			const rows = has
				? (client.prepare('select name, seq from sqlite_sequence').all() as {
						name: string;
						seq: number;
					}[])
				: [];
			return new Map(rows.map((r) => [r.name, r.seq]));
		}
	};
}

function pgSide(db: PgDb): Side {
	return {
		engine: 'postgres',
		q: db as unknown as Queries,
		tables: pgTables,
		count: async (t) => (await db.select({ n: count() }).from(t))[0]?.n ?? 0,
		maxOf: async (t, c) =>
			Number(
				(await db.select({ m: sql<number | null>`max(${sql.identifier(c)})` }).from(t))[0]?.m ?? 0
			),
		lastIds: async () => {
			const rows = await db.execute<{ name: string; seq: string | null }>(sql`
				select c.relname as name, s.last_value as seq
				from pg_depend d join pg_class c on c.oid = d.refobjid
				join pg_sequences s on s.sequencename = (select relname from pg_class where oid = d.objid)
				where d.deptype = 'i' and d.classid = 'pg_class'::regclass
					and (select relkind from pg_class where oid = d.objid) = 'S'`);
			return new Map(rows.filter((r) => r.seq !== null).map((r) => [r.name, Number(r.seq)]));
		}
	};
}

/** Sets each numbered table's counter so the target never hands out an id the source did. */
async function setLastIds(target: Side, db: Database.Database | PgDb, ids: Map<string, number>) {
	for (const table of target.tables) {
		const generated = describeTable(table).columns.find((c) => c.generated);
		if (!generated) continue;
		const name = getTableName(table);
		const last = ids.get(name) ?? 0;
		if (target.engine === 'postgres') {
			await (db as PgDb).execute(
				sql`select setval(pg_get_serial_sequence(${name}, ${generated.name}), ${Math.max(last, 1)}, ${last > 0})`
			);
		} else if (last > 0) {
			const client = db as Database.Database;
			client.prepare('delete from sqlite_sequence where name = ?').run(name);
			client
				.prepare('insert into sqlite_sequence (name, seq) values (?, ?)')
				.run(name, BigInt(last));
		}
	}
}

interface Copied {
	counts: TableCount[];
	ids: Map<string, number>;
}

async function copyTables(source: Side, target: Side): Promise<Copied> {
	const targetByName = new Map(target.tables.map((t) => [getTableName(t), t]));
	const counts: TableCount[] = [];
	for (const table of copyOrder(source.tables)) {
		const name = getTableName(table);
		const into = targetByName.get(name);
		if (!into) throw new Error(`${name} is not in the ${target.engine} schema`);
		const size = Math.max(1, Math.floor(BATCH_VALUES / Object.keys(columnsOf(into)).length));
		for await (const rows of rowsOf(source, table)) {
			for (let i = 0; i < rows.length; i += size) {
				try {
					await target.q.insert(into).values(rows.slice(i, i + size));
				} catch (e) {
					throw new Error(`${name}: ${(e as Error).message}`, { cause: e });
				}
			}
		}
		counts.push({
			table: name,
			source: await source.count(table),
			target: await target.count(into)
		});
	}
	const ids = await source.lastIds();
	for (const table of source.tables) {
		const column = describeTable(table).columns.find((c) => c.generated);
		if (!column) continue;
		const name = getTableName(table);
		ids.set(name, Math.max(ids.get(name) ?? 0, await source.maxOf(table, column.name)));
	}
	return { counts, ids };
}

async function withSource<T>(url: string, run: (side: Side) => Promise<T>): Promise<T> {
	if (isPostgresUrl(url)) {
		const db = openPg(url);
		try {
			await checkMigrated(db, 'source');
			return await db.transaction((tx) => run(pgSide(tx as unknown as PgDb)), {
				isolationLevel: 'repeatable read',
				accessMode: 'read only'
			});
		} finally {
			await db.$client.end();
		}
	}
	const path = databasePath(url);
	if (!existsSync(path)) throw new Error(`${path} does not exist`);
	const client = new Database(path, { readonly: true, fileMustExist: true });
	try {
		const applied = client
			.prepare(
				"select (select count(*) from sqlite_master where name = '__drizzle_migrations') as has"
			)
			.get() as { has: number };
		const n = applied.has
			? (client.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n
			: 0;
		const shipped = journalLength(resolve(process.env.MIGRATIONS_DIR ?? 'drizzle'));
		if (n !== shipped) {
			throw new Error(
				`${path} has ${n} of this version's ${shipped} migrations: start this version of the app on it once (it migrates), then copy`
			);
		}
		// One read transaction: every table is read from the same moment, even while the app writes.
		client.exec('begin');
		try {
			return await run(sqliteSide(client));
		} finally {
			client.exec('rollback');
		}
	} finally {
		client.close();
	}
}

async function checkMigrated(db: PgDb, which: string): Promise<void> {
	const shipped = journalLength(pgMigrationsDir());
	const [row] = await db.execute<{ n: string }>(
		sql`select count(*) as n from pg_tables where schemaname = 'drizzle' and tablename = '__drizzle_migrations'`
	);
	const applied =
		Number(row.n) > 0
			? Number(
					(
						await db.execute<{ n: string }>(
							sql`select count(*) as n from drizzle.__drizzle_migrations`
						)
					)[0].n
				)
			: 0;
	if (applied !== shipped) {
		throw new Error(
			`the ${which} has ${applied} of this version's ${shipped} PostgreSQL migrations: start this version of the app on it once, then copy`
		);
	}
}

async function refuseUnlessEmpty(side: Side, where: string): Promise<void> {
	for (const table of side.tables) {
		const n = await side.count(table);
		if (n > 0) {
			throw new Error(
				`${where} already holds data (${getTableName(table)}: ${n} rows); copy into an empty database`
			);
		}
	}
}

async function withTarget(url: string, run: (side: Side) => Promise<Copied>): Promise<Copied> {
	if (isPostgresUrl(url)) {
		const db = openPg(url);
		try {
			await migratePg(db);
			await refuseUnlessEmpty(pgSide(db), describeUrl(url));
			const copied = await db.transaction(async (tx) => {
				const side = pgSide(tx as unknown as PgDb);
				const result = await run(side);
				await setLastIds(side, tx as unknown as PgDb, result.ids);
				return result;
			});
			// PostgreSQL plans from its statistics, which a bulk load leaves empty until autovacuum
			// comes round (a minute or more): until then an export's every page sorted the whole
			// table. Gathered now, for the tables just filled.
			await db.$client.unsafe('analyze');
			return copied;
		} finally {
			await db.$client.end();
		}
	}
	const db = openSqlite(databasePath(url));
	try {
		migrate(db, { migrationsFolder: resolve(process.env.MIGRATIONS_DIR ?? 'drizzle') });
		await refuseUnlessEmpty(sqliteSide(db.$client, db), databasePath(url));
		return await transaction(db as unknown as Db, async (tx) => {
			const side = sqliteSide(db.$client, tx);
			const result = await run(side);
			await setLastIds(side, db.$client, result.ids);
			return result;
		});
	} finally {
		db.$client.close();
	}
}

/** Copies FROM into TO and returns each table's rows on both sides (equal, or nothing is kept). */
export async function copyDatabase(from: string, to: string): Promise<TableCount[]> {
	if (isPostgresUrl(from) === isPostgresUrl(to)) {
		throw new Error(
			'copy between SQLite and PostgreSQL: one side a file, the other postgres://… (for SQLite to SQLite use db:backup)'
		);
	}
	return withSource(from, (source) =>
		withTarget(to, async (target) => {
			const copied = await copyTables(source, target);
			const wrong = copied.counts.filter((c) => c.source !== c.target);
			if (wrong.length) {
				throw new Error(
					`row counts differ: ${wrong.map((c) => `${c.table} ${c.source} → ${c.target}`).join(', ')}`
				);
			}
			return copied;
		})
	).then((c) => c.counts);
}
