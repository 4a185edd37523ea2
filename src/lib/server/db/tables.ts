/**
 * The schema's tables on both engines, described in the same terms, so a test can tell that
 * the SQLite and PostgreSQL schemas say the same thing and `db:copy` can walk them in the order
 * their foreign keys need.
 */
import { Column, getTableColumns, is, SQL, type Table } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as sqliteSchema from './schema/sqlite';
import * as pgSchema from './schema/pg';

export type Engine = 'sqlite' | 'postgres';

/** What a column holds, whatever the engine calls it. */
const KINDS: Record<string, string> = {
	SQLiteInteger: 'integer',
	SQLiteReal: 'real',
	SQLiteText: 'text',
	SQLiteTextJson: 'json',
	SQLiteTimestamp: 'moment',
	SQLiteBoolean: 'boolean',
	SQLiteBlobBuffer: 'bytes',
	PgInteger: 'integer',
	PgBigInt53: 'integer',
	PgDoublePrecision: 'real',
	PgText: 'text',
	PgJson: 'json',
	PgTimestamp: 'moment',
	PgBoolean: 'boolean',
	'PgCustomColumn:bytea': 'bytes'
};

function kindOf(column: Column): string {
	const key =
		column.columnType === 'PgCustomColumn'
			? `${column.columnType}:${column.getSQLType()}`
			: column.columnType;
	const kind = KINDS[key];
	if (!kind) throw new Error(`${column.name}: no kind for the column type ${key}`);
	return kind;
}

/** The SQL name of a column: unnamed ones take their key in snake_case, as the app's casing. */
export function columnName(column: Column): string {
	return column.keyAsName ? toSnakeCase(column.name) : column.name;
}

function indexPart(part: unknown): string {
	if (!is(part, SQL)) return columnName(part as Column);
	return part.queryChunks
		.map((c) => (is(c, Column) ? columnName(c) : ((c as { value: string[] }).value ?? []).join('')))
		.join('');
}

export interface ColumnDescription {
	name: string;
	kind: string;
	notNull: boolean;
	primaryKey: boolean;
	/** Numbered by the database (AUTOINCREMENT, an identity). */
	generated: boolean;
	/** The SQL default, as JSON; undefined when none. */
	default: string | undefined;
	/** Filled or touched by the app when not given. */
	defaultFn: boolean;
	onUpdateFn: boolean;
	enumValues: readonly string[] | undefined;
}

export interface TableDescription {
	name: string;
	columns: ColumnDescription[];
	primaryKey: string[];
	foreignKeys: string[];
	uniques: string[];
	indexes: string[];
}

type AnyConfig = ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>;

function configOf(table: Table): AnyConfig {
	return is(table, PgTable) ? pgConfig(table) : sqliteConfig(table as SQLiteTable);
}

/** A table in engine-neutral terms; two engines' descriptions of one table are equal. */
export function describeTable(table: Table): TableDescription {
	const config = configOf(table);
	const columns = config.columns.map((c): ColumnDescription => ({
		name: columnName(c),
		kind: kindOf(c),
		notNull: c.notNull,
		primaryKey: c.primary,
		generated: Boolean(
			('autoIncrement' in c && c.autoIncrement) || ('generatedIdentity' in c && c.generatedIdentity)
		),
		default: c.hasDefault && c.default !== undefined ? JSON.stringify(c.default) : undefined,
		defaultFn: Boolean(c.defaultFn),
		onUpdateFn: Boolean(c.onUpdateFn),
		enumValues: c.enumValues
	}));
	const foreignKeys = config.foreignKeys.map((fk) => {
		const r = fk.reference();
		const to = configOf(r.foreignTable).name;
		return `(${r.columns.map(columnName)}) → ${to}(${r.foreignColumns.map(columnName)}) on delete ${fk.onDelete ?? 'no action'}`;
	});
	const uniques = [
		...config.columns.filter((c) => c.isUnique).map((c) => columnName(c)),
		...config.uniqueConstraints.map((u) => u.columns.map(columnName).join(','))
	];
	const indexes = config.indexes.map((i) => {
		const { name, unique, columns } = i.config;
		return `${unique ? 'unique ' : ''}${name}(${columns.map(indexPart).join(',')})`;
	});
	return {
		name: config.name,
		columns,
		primaryKey: [
			...config.columns.filter((c) => c.primary).map(columnName),
			...config.primaryKeys.flatMap((pk) => pk.columns.map(columnName))
		],
		foreignKeys: foreignKeys.sort(),
		uniques: uniques.sort(),
		indexes: indexes.sort()
	};
}

function tablesOf<T extends Table>(schema: Record<string, unknown>, kind: typeof Table): T[] {
	return Object.values(schema).filter((v): v is T => is(v, kind));
}

export const sqliteTables = tablesOf<SQLiteTable>(sqliteSchema, SQLiteTable);
export const pgTables = tablesOf<PgTable>(pgSchema, PgTable);

/**
 * Tables in an order where every table comes after those its foreign keys point at (a table
 * pointing at itself, like corrected population counts, is copied in key order: a correction
 * comes after what it corrects).
 */
export function copyOrder<T extends Table>(tables: T[]): T[] {
	const byName = new Map(tables.map((t) => [configOf(t).name, t]));
	const done = new Set<string>();
	const order: T[] = [];
	const visit = (name: string, path: string[]) => {
		if (done.has(name)) return;
		if (path.includes(name)) throw new Error(`foreign keys loop through ${path.join(' → ')}`);
		const table = byName.get(name);
		if (!table) throw new Error(`a foreign key points at ${name}, which is not in the schema`);
		for (const fk of configOf(table).foreignKeys) {
			const to = configOf(fk.reference().foreignTable).name;
			if (to !== name) visit(to, [...path, name]);
		}
		done.add(name);
		order.push(table);
	};
	for (const name of [...byName.keys()].sort()) visit(name, []);
	return order;
}

/** A table's columns by key, the same keys on both engines. */
export function columnsOf(table: Table): Record<string, Column> {
	return getTableColumns(table);
}

/**
 * A PostgreSQL index as SQLite describes the same one: SQLite ends every index with the rowid
 * (a table's single integer primary key), so a PostgreSQL index that names that key last, to
 * read in its order as SQLite does, is SQLite's index without it.
 */
function asSqliteKnowsIt(sqlite: TableDescription, index: string): string {
	const [rowid] = sqlite.primaryKey;
	const integerKey =
		sqlite.primaryKey.length === 1 &&
		sqlite.columns.some((c) => c.name === rowid && c.kind === 'integer');
	const suffix = `,${rowid})`;
	if (!integerKey || index.startsWith('unique ') || !index.endsWith(suffix)) return index;
	const without = `${index.slice(0, -suffix.length)})`;
	return sqlite.indexes.includes(without) ? without : index;
}

/** What differs between two engines' tables, one line per difference; empty when they agree. */
export function schemaDifferences(sqlite: Table[], pg: Table[]): string[] {
	const a = new Map(sqlite.map((t) => [describeTable(t).name, describeTable(t)]));
	const b = new Map(pg.map((t) => [describeTable(t).name, describeTable(t)]));
	const out: string[] = [];
	for (const name of new Set([...a.keys(), ...b.keys()])) {
		const [s, p] = [a.get(name), b.get(name)];
		if (!s || !p) {
			out.push(`${name}: only on ${s ? 'SQLite' : 'PostgreSQL'}`);
			continue;
		}
		const sc = new Map(s.columns.map((c) => [c.name, JSON.stringify(c)]));
		const pc = new Map(p.columns.map((c) => [c.name, JSON.stringify(c)]));
		for (const col of new Set([...sc.keys(), ...pc.keys()])) {
			if (!sc.has(col) || !pc.has(col))
				out.push(`${name}.${col}: only on ${sc.has(col) ? 'SQLite' : 'PostgreSQL'}`);
			else if (sc.get(col) !== pc.get(col))
				out.push(`${name}.${col}: SQLite ${sc.get(col)}, PostgreSQL ${pc.get(col)}`);
		}
		const pgIndexes = p.indexes.map((index) => asSqliteKnowsIt(s, index));
		for (const part of ['primaryKey', 'foreignKeys', 'uniques', 'indexes'] as const) {
			const [x, y] = [
				JSON.stringify(s[part]),
				JSON.stringify(part === 'indexes' ? pgIndexes : p[part])
			];
			if (x !== y) out.push(`${name} ${part}: SQLite ${x}, PostgreSQL ${y}`);
		}
	}
	return out;
}
