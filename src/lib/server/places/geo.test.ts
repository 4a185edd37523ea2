import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openTestDb } from '$lib/server/db';
import { adminAreas } from '$lib/server/db/schema';
import { ensureProvinces, NATURAL_EARTH } from './provinces';
import { boundaries, levelSummaries, pcodeAt } from './geo';

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
	it('gives 24 provinces the approximate Natural Earth shape; Tboung Khmum has none', () => {
		const db = openTestDb();
		ensureProvinces(db);
		const fc = boundaries(db, 1);
		expect(fc.features).toHaveLength(24);
		expect(fc.features.every((f) => f.properties.source === NATURAL_EARTH)).toBe(true);
		expect(fc.features.map((f) => f.properties.pcode)).not.toContain('KH25');
		const kh25 = db.select().from(adminAreas).where(eq(adminAreas.pcode, 'KH25')).get();
		expect(kh25?.nameKm).toBe('ត្បូងឃ្មុំ');
		expect(kh25?.geometry).toBeNull();
		const [level1] = levelSummaries(db);
		expect(level1).toEqual({
			level: 1,
			areas: 25,
			withGeometry: 24,
			sources: [{ source: NATURAL_EARTH, areas: 24 }]
		});
	});

	it('stores a bounding box that holds the shape', () => {
		const db = openTestDb();
		ensureProvinces(db);
		const pp = db.select().from(adminAreas).where(eq(adminAreas.pcode, 'KH12')).get()!;
		const [w, s, e, n] = pp.bbox!;
		expect(w).toBeGreaterThan(104.6);
		expect(e).toBeLessThan(105.1);
		expect(s).toBeGreaterThan(11.3);
		expect(n).toBeLessThan(11.8);
	});

	it('never overwrites imported geometry', () => {
		const db = openTestDb();
		ensureProvinces(db);
		const mine = square(104, 12, 1);
		db.update(adminAreas)
			.set({
				geometry: JSON.stringify(mine),
				bbox: [104, 12, 105, 13],
				geometrySource: 'mine.geojson'
			})
			.where(eq(adminAreas.pcode, 'KH06'))
			.run();
		ensureProvinces(db);
		const row = db.select().from(adminAreas).where(eq(adminAreas.pcode, 'KH06')).get()!;
		expect(row.geometrySource).toBe('mine.geojson');
		expect(JSON.parse(row.geometry!)).toEqual(mine);
	});
});

describe('pcodeAt', () => {
	it('finds the province of well-known places with the default geometry', () => {
		const db = openTestDb();
		ensureProvinces(db);
		expect(pcodeAt(db, 102.565, 13.659)).toBe('KH01'); // Poipet
		expect(pcodeAt(db, 104.916, 11.556)).toBe('KH12'); // Phnom Penh
		expect(pcodeAt(db, 103.86, 13.36)).toBe('KH17'); // Siem Reap
		expect(pcodeAt(db, 103.0, 10.0)).toBeNull(); // Gulf of Thailand
		expect(pcodeAt(db, 100.5, 13.75)).toBeNull(); // Bangkok
	});

	it('prefers the finest level containing the point', () => {
		const db = openTestDb();
		ensureProvinces(db);
		db.insert(adminAreas)
			.values([
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
			])
			.run();
		expect(pcodeAt(db, 102.55, 13.55)).toBe('KH010201');
		expect(pcodeAt(db, 102.7, 13.7)).toBe('KH0102');
	});
});
