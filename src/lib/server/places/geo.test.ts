import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { sqliteClient } from '$lib/server/db';
import { ENGINE } from '$lib/server/db/engine';
import { openTestDb } from '$lib/server/db/testing';
import { adminAreas } from '$lib/server/db/schema';
import { ensureProvinces, NATURAL_EARTH } from './provinces';
import { boundaries, boundariesVersion, levelSummaries, pcodeAt } from './geo';

const square = (w: number, s: number, size: number) => ({
	type: 'Polygon' as const,
	coordinates: [
		[
			[w, s],
			[w + size, s],
			[w + size, s + size],
			[w, s + size],
			[w, s]
		]
	]
});

describe('default province geometry', () => {
	it('gives 24 provinces the approximate Natural Earth shape; Tboung Khmum has none', async () => {
		const db = await openTestDb();
		await ensureProvinces(db);
		const fc = await boundaries(db, 1);
		expect(fc.features).toHaveLength(24);
		expect(fc.features.every((f) => f.properties.source === NATURAL_EARTH)).toBe(true);
		expect(fc.features.map((f) => f.properties.pcode)).not.toContain('KH25');
		const [kh25] = await db.select().from(adminAreas).where(eq(adminAreas.pcode, 'KH25'));
		expect(kh25?.nameKm).toBe('ត្បូងឃ្មុំ');
		expect(kh25?.geometry).toBeNull();
		const [level1] = await levelSummaries(db);
		expect(level1).toEqual({
			level: 1,
			areas: 25,
			withGeometry: 24,
			sources: [{ source: NATURAL_EARTH, areas: 24 }]
		});
	});

	it('stores a bounding box that holds the shape', async () => {
		const db = await openTestDb();
		await ensureProvinces(db);
		const [pp] = await db.select().from(adminAreas).where(eq(adminAreas.pcode, 'KH12'));
		const [w, s, e, n] = pp.bbox!;
		expect(w).toBeGreaterThan(104.6);
		expect(e).toBeLessThan(105.1);
		expect(s).toBeGreaterThan(11.3);
		expect(n).toBeLessThan(11.8);
	});

	it('never overwrites imported geometry', async () => {
		const db = await openTestDb();
		await ensureProvinces(db);
		const mine = square(104, 12, 1);
		await db
			.update(adminAreas)
			.set({
				geometry: JSON.stringify(mine),
				bbox: [104, 12, 105, 13],
				geometrySource: 'mine.geojson'
			})
			.where(eq(adminAreas.pcode, 'KH06'));
		await ensureProvinces(db);
		const [row] = await db.select().from(adminAreas).where(eq(adminAreas.pcode, 'KH06'));
		expect(row.geometrySource).toBe('mine.geojson');
		expect(JSON.parse(row.geometry!)).toEqual(mine);
	});
});

describe('pcodeAt', () => {
	it('finds the province of well-known places with the default geometry', async () => {
		const db = await openTestDb();
		await ensureProvinces(db);
		expect(await pcodeAt(db, 102.565, 13.659)).toBe('KH01'); // Poipet
		expect(await pcodeAt(db, 104.916, 11.556)).toBe('KH12'); // Phnom Penh
		expect(await pcodeAt(db, 103.86, 13.36)).toBe('KH17'); // Siem Reap
		expect(await pcodeAt(db, 103.0, 10.0)).toBeNull(); // Gulf of Thailand
		expect(await pcodeAt(db, 100.5, 13.75)).toBeNull(); // Bangkok
	});

	it('prefers the finest level containing the point', async () => {
		const db = await openTestDb();
		await ensureProvinces(db);
		await db.insert(adminAreas).values([
			{
				pcode: 'KH0102',
				level: 2,
				parentPcode: 'KH01',
				nameEn: 'D',
				nameKm: 'D',
				geometry: JSON.stringify(square(102.5, 13.5, 0.3)),
				bbox: [102.5, 13.5, 102.8, 13.8],
				geometrySource: 't'
			},
			{
				pcode: 'KH010201',
				level: 3,
				parentPcode: 'KH0102',
				nameEn: 'C',
				nameKm: 'C',
				geometry: JSON.stringify(square(102.5, 13.5, 0.1)),
				bbox: [102.5, 13.5, 102.6, 13.6],
				geometrySource: 't'
			}
		]);
		expect(await pcodeAt(db, 102.55, 13.55)).toBe('KH010201');
		expect(await pcodeAt(db, 102.7, 13.7)).toBe('KH0102');
	});
});

describe('what every page with a map asks of the boundaries', () => {
	it('counts areas and shapes and finds the latest change', async () => {
		const db = await openTestDb();
		await ensureProvinces(db);
		const [latest] = await db
			.select({ at: adminAreas.updatedAt })
			.from(adminAreas)
			.orderBy(sql`${adminAreas.updatedAt} desc`)
			.limit(1);
		expect(await boundariesVersion(db)).toBe(`25.24.${latest.at.getTime()}`);
		await db
			.update(adminAreas)
			.set({ geometry: null, updatedAt: new Date(latest.at.getTime() + 1000) })
			.where(eq(adminAreas.pcode, 'KH12'));
		expect(await boundariesVersion(db)).toBe(`25.23.${latest.at.getTime() + 1000}`);
	});

	// On SQLite a row holds its shape before the columns these figures read: reading them from
	// the rows read every shape (its overflow pages) on every page with a map, however large the
	// boundaries. Whether a row has a shape is in the row's header (`is not null` reads no more).
	it.skipIf(ENGINE === 'postgres')('reads them from indexes, never a shape', async () => {
		const db = await openTestDb();
		await ensureProvinces(db);
		const sqlite = sqliteClient(db);
		const prepare = sqlite.prepare.bind(sqlite);
		const seen: string[] = [];
		sqlite.prepare = ((source: string) => {
			seen.push(source);
			return prepare(source);
		}) as typeof sqlite.prepare;
		await boundariesVersion(db);
		await levelSummaries(db);
		sqlite.prepare = prepare;
		expect(seen).toHaveLength(2);
		const steps = seen.flatMap((source) =>
			(sqlite.prepare(`explain query plan ${source}`).all() as { detail: string }[])
				.map((r) => r.detail)
				.filter((d) => d.includes('admin_areas'))
		);
		// The count of areas, the latest change and the summaries by level from indexes; the
		// count of shapes from the rows' headers.
		expect(steps.filter((d) => / USING COVERING INDEX /.test(d))).toHaveLength(3);
		expect(steps.filter((d) => !/ USING COVERING INDEX /.test(d))).toEqual(['SCAN admin_areas']);
		expect(seen[0]).toContain(`where "geometry" is not null`);
	});
});
