import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { freshPgDatabase, PG_TEST_URL } from './pg-testing';
import { migratePg, openPg, pgMigrationsDir, type PgDb } from './pg';
import { adminAreas } from './schema/pg';
import { columnName, describeTable, pgTables } from './tables';

/** What the catalogue of a database migrated from `drizzle/pg` must say about a table. */
function expected(table: PgTable) {
	const config = getTableConfig(table);
	const d = describeTable(table);
	const literal = (v: unknown) =>
		typeof v === 'string'
			? `'${v}'::text`
			: typeof v === 'object'
				? `'${JSON.stringify(v)}'::json`
				: String(v);
	const columns = config.columns.map((c: PgColumn) =>
		[
			columnName(c),
			c.getSQLType().replace(' (', '('),
			c.notNull ? 'not null' : '',
			c.generatedIdentity ? 'identity' : '',
			c.hasDefault && c.default !== undefined ? `default ${literal(c.default)}` : ''
		]
			.filter(Boolean)
			.join(' ')
	);
	const constraints = [
		`PRIMARY KEY (${d.primaryKey.join(', ')})`,
		...config.foreignKeys.map((fk) => {
			const r = fk.reference();
			const del =
				fk.onDelete && fk.onDelete !== 'no action' ? ` ON DELETE ${fk.onDelete.toUpperCase()}` : '';
			return `FOREIGN KEY (${r.columns.map(columnName).join(', ')}) REFERENCES ${getTableConfig(r.foreignTable).name}(${r.foreignColumns.map(columnName).join(', ')})${del}`;
		}),
		...d.uniques.map((u) => `UNIQUE (${u.split(',').join(', ')})`)
	];
	const indexes = d.indexes.map((i) => {
		const [, unique, name, cols] = /^(unique )?(\w+)\((.*)\)$/.exec(i) ?? [];
		return `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${name} ON public.${d.name} USING btree (${cols.split(',').join(', ')})`;
	});
	return { columns, constraints: constraints.sort(), indexes: indexes.sort() };
}

async function catalogue(db: PgDb, table: string) {
	const unquote = (s: string) => s.replaceAll('"', '');
	const columns = await db.execute<{ d: string }>(sql`
		select concat_ws(' ', a.attname, format_type(a.atttypid, a.atttypmod),
			case when a.attnotnull then 'not null' end,
			case when a.attidentity <> '' then 'identity' end,
			'default ' || pg_get_expr(d.adbin, d.adrelid)) as d
		from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
		where a.attrelid = ${table}::regclass and a.attnum > 0 and not a.attisdropped
		order by a.attnum`);
	const constraints = await db.execute<{ d: string }>(sql`
		select pg_get_constraintdef(oid) as d from pg_constraint
		where conrelid = ${table}::regclass and contype in ('p', 'f', 'u')`);
	const indexes = await db.execute<{ d: string }>(sql`
		select indexdef as d from pg_indexes i where schemaname = 'public' and tablename = ${table}
		and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`);
	return {
		columns: columns.map((r) => r.d),
		constraints: constraints.map((r) => unquote(r.d)).sort(),
		indexes: indexes.map((r) => unquote(r.d)).sort()
	};
}

describe.skipIf(!PG_TEST_URL)('PostgreSQL migrations (drizzle/pg) on a real server', () => {
	let pg: Awaited<ReturnType<typeof freshPgDatabase>>;
	beforeAll(async () => {
		pg = await freshPgDatabase();
		await migratePg(pg.db);
	});
	afterAll(() => pg?.drop());

	it('make exactly the schema’s tables, plus the area boxes', async () => {
		const rows = await pg.db.execute<{ name: string }>(
			sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`
		);
		const names = pgTables.map((t) => getTableConfig(t).name);
		expect(rows.map((r) => r.name)).toEqual([...names, 'admin_area_boxes'].sort());
	});

	it('make every column, key, unique and index as the schema describes them', async () => {
		for (const table of pgTables) {
			const name = getTableConfig(table).name;
			expect(await catalogue(pg.db, name), name).toEqual(expected(table));
		}
	});

	it('keep area boxes in step with the areas, found through their GiST index', async () => {
		const box = (lon: number, lat: number) =>
			pg.db.execute<{ pcode: string; level: number; stamp: number }>(sql`
				select pcode, level, stamp from admin_area_boxes
				where box(point(min_lon, min_lat), point(max_lon, max_lat)) @> box(point(${lon}, ${lat}), point(${lon}, ${lat}))`);
		const square = JSON.stringify({
			type: 'Polygon',
			coordinates: [
				[
					[103, 13],
					[104, 13],
					[104, 14],
					[103, 13]
				]
			]
		});
		await pg.db.insert(adminAreas).values([
			{
				pcode: 'KH01',
				level: 1,
				nameEn: 'Banteay Meanchey',
				nameKm: 'បន្ទាយមានជ័យ',
				geometry: square,
				bbox: [103, 13, 104, 14]
			},
			{
				pcode: 'KH02',
				level: 1,
				nameEn: 'Battambang',
				nameKm: 'បាត់ដំបង',
				geometry: null,
				bbox: [102, 12, 103, 13]
			}
		]);
		const [first] = await box(103.5, 13.5);
		expect(first).toMatchObject({ pcode: 'KH01', level: 1 });
		expect(await box(102.5, 12.5)).toEqual([]);

		await pg.db
			.update(adminAreas)
			.set({ bbox: [105, 11, 106, 12] })
			.where(sql`pcode = 'KH01'`);
		expect(await box(103.5, 13.5)).toEqual([]);
		const [moved] = await box(105.5, 11.5);
		expect(moved.pcode).toBe('KH01');
		expect(moved.stamp).not.toBe(first.stamp);

		await pg.db.delete(adminAreas).where(sql`pcode = 'KH01'`);
		expect(await box(105.5, 11.5)).toEqual([]);

		const plan = await pg.db.transaction(async (tx) => {
			await tx.execute(sql`set local enable_seqscan = off`);
			return tx.execute<{ 'QUERY PLAN': string }>(sql`explain select pcode from admin_area_boxes
				where box(point(min_lon, min_lat), point(max_lon, max_lat)) @> box(point(1, 1), point(1, 1))`);
		});
		expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('admin_area_boxes_box_idx');
	});
});

describe.skipIf(!PG_TEST_URL)('PostgreSQL migrations when several servers start at once', () => {
	it('are applied once, by whichever server takes the lock first', async () => {
		const pg = await freshPgDatabase();
		// One pool each, as separate app servers have.
		const servers = [pg.db, openPg(pg.url), openPg(pg.url)];
		try {
			await Promise.all(servers.map((db) => migratePg(db)));
			const shipped = (
				JSON.parse(readFileSync(resolve(pgMigrationsDir(), 'meta/_journal.json'), 'utf8')) as {
					entries: unknown[];
				}
			).entries.length;
			const [{ n }] = await pg.db.execute<{ n: number }>(
				sql`select count(*)::int as n from drizzle.__drizzle_migrations`
			);
			expect(n).toBe(shipped);
		} finally {
			await Promise.all(servers.slice(1).map((db) => db.$client.end()));
			await pg.drop();
		}
	});
});
