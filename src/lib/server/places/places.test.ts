import { beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Polygon } from 'geojson';
import { assessmentSchema } from '$lib/domain/assessments';
import { adminAreas } from '$lib/server/db/schema';
import { rawRows } from '$lib/server/db/raw';
import { submitAssessment } from '$lib/server/assessments';
import { assessmentWorld, sample } from '$lib/server/assessments/testing';
import { createResponse } from '$lib/server/responses';
import { createActivity, createSite } from '$lib/server/shelter';
import { activitySample, shelterWorld, siteSample } from '$lib/server/shelter/testing';
import { refused, testDb } from '$lib/server/testing';
import { areaAt, areasUnder, assertPcodes, locate, pcodeAt } from '.';
import { importBoundaries } from './import';

const ring = (...points: [number, number][]): Polygon => ({
	type: 'Polygon',
	coordinates: [[...points, points[0]]]
});

/** Battambang as the square 102–104 × 12–14, its corner 103–104 × 13–14 a district of its own. */
const PROVINCE = ring([102, 12], [104, 12], [104, 14], [102, 14]);
/** An L around the corner: its box is the whole province, corner included. */
const L_SHAPE = ring([102, 12], [104, 12], [104, 13], [103, 13], [103, 14], [102, 14]);
const CORNER = ring([103, 13], [104, 13], [104, 14], [103, 14]);

const districts = (shapes: { pcode: string; name: string; shape: Polygon }[]) => ({
	name: 'districts.geojson',
	text: JSON.stringify({
		type: 'FeatureCollection',
		features: shapes.map((s) => ({
			type: 'Feature',
			properties: { ADM2_PCODE: s.pcode, ADM2_EN: s.name },
			geometry: s.shape
		}))
	})
});

/** Only Battambang has a shape, so the answers do not depend on the default provinces' outlines. */
async function world() {
	const { db } = await testDb();
	await db.update(adminAreas).set({ geometry: null, bbox: null }).where(eq(adminAreas.level, 1));
	await db
		.update(adminAreas)
		.set({ geometry: JSON.stringify(PROVINCE), bbox: [102, 12, 104, 14] })
		.where(eq(adminAreas.pcode, 'KH02'));
	return db;
}

describe('point → P-code', () => {
	it('finds the district whose shape holds the point, not the one whose box does', async () => {
		const db = await world();
		await importBoundaries(db, null, [
			districts([
				{ pcode: 'KH0201', name: 'Banan', shape: L_SHAPE },
				{ pcode: 'KH0202', name: 'Thma Koul', shape: CORNER }
			])
		]);
		expect(await pcodeAt(db, 103.5, 13.5)).toBe('KH0202');
		expect(await pcodeAt(db, 102.5, 13.5)).toBe('KH0201');
		expect(await pcodeAt(db, 103.5, 12.5)).toBe('KH0201');
		expect(await areaAt(db, 103.5, 13.5)).toMatchObject({ pcode: 'KH0202', nameEn: 'Thma Koul' });
		// Inside the province's box and Cambodia's, outside every shape: refused for a record.
		expect(await pcodeAt(db, 101.9, 13.5)).toBeNull();
	});

	it('follows a boundary import that moves a shape, within the same box', async () => {
		const db = await world();
		const west = ring([102, 12], [103, 12], [103, 14], [102, 14]);
		const east = ring([103, 12], [104, 12], [104, 14], [103, 14]);
		await importBoundaries(db, null, [
			districts([{ pcode: 'KH0201', name: 'Banan', shape: L_SHAPE }])
		]);
		expect(await pcodeAt(db, 103.5, 13.5)).toBe('KH02');
		expect(await pcodeAt(db, 102.5, 13.5)).toBe('KH0201');

		// The same P-code, a shape with the same box: the kept shape must not be reused.
		const triangle = ring([102, 12], [104, 12], [104, 14]);
		await importBoundaries(db, null, [
			districts([{ pcode: 'KH0201', name: 'Banan', shape: triangle }])
		]);
		expect(await pcodeAt(db, 103.5, 13.5)).toBe('KH0201');
		expect(await pcodeAt(db, 102.5, 13.5)).toBe('KH02');

		// A new import replaces the level: districts left out lose their shapes and boxes.
		await importBoundaries(db, null, [
			districts([
				{ pcode: 'KH0202', name: 'Thma Koul', shape: west },
				{ pcode: 'KH0203', name: 'Bavel', shape: east }
			])
		]);
		expect(await pcodeAt(db, 102.5, 13.5)).toBe('KH0202');
		expect(await pcodeAt(db, 103.5, 12.5)).toBe('KH0203');
		expect(
			await rawRows(db, sql`select pcode from admin_area_boxes where level = 2 order by pcode`)
		).toEqual([{ pcode: 'KH0202' }, { pcode: 'KH0203' }]);
	});

	it('locates a record: the P-code given, else the point’s; refuses a point outside', async () => {
		const db = await world();
		expect(await locate(db, 103.5, 13.5, null)).toEqual({ pcode: 'KH02', pointPcode: 'KH02' });
		expect(await locate(db, 103.5, 13.5, 'KH15')).toEqual({ pcode: 'KH15', pointPcode: 'KH02' });
		expect((await refused(() => locate(db, 101.9, 13.5, null))).fields).toEqual({
			lon: "The point is outside Cambodia's provinces."
		});
	});
});

describe('areas under provinces', () => {
	it('lists the provinces and what lies inside them, nothing from elsewhere', async () => {
		const w = await assessmentWorld();
		expect((await areasUnder(w.db, ['KH02'])).map((a) => a.pcode)).toEqual([
			'KH02',
			'KH0201',
			'KH020101',
			'KH020102'
		]);
		expect(await areasUnder(w.db, [])).toEqual([]);
		// Down to districts only, as the pages that list provinces and districts ask.
		expect((await areasUnder(w.db, ['KH02'], 2)).map((a) => a.pcode)).toEqual(['KH02', 'KH0201']);
	});
});

describe('an unknown P-code', () => {
	const MESSAGE = 'Unknown P-code.';
	let w: Awaited<ReturnType<typeof shelterWorld>>;
	beforeEach(async () => {
		w = await shelterWorld();
	});

	it('is refused with the same words by every service that takes one', async () => {
		const input = assessmentSchema.parse(sample(w.responseId, { pcode: 'KH029999' }));
		expect((await refused(() => submitAssessment(w.db, w.field, input))).fields).toEqual({
			pcode: MESSAGE
		});
		const site = await refused(() =>
			createSite(w.db, w.coordinator, w.responseId, siteSample(w.crc, { pcode: 'KH020199' }))
		);
		expect(site.fields).toEqual({ pcode: MESSAGE });
		const activity = await refused(() =>
			createActivity(w.db, w.partner, w.responseId, activitySample({ pcode: 'KH029999' }))
		);
		expect(activity.fields?.pcode).toBe(MESSAGE);
		const response = await refused(() =>
			createResponse(w.db, w.coordinator, {
				name: 'Floods 2021',
				kind: 'flood',
				startDate: '2021-10-01',
				endDate: null,
				description: null,
				provinces: ['KH02', 'KH99'],
				areas: ['shelter']
			})
		);
		expect(response.fields).toEqual({ provinces: MESSAGE });
	});

	it('names the first unknown one’s field, and a level when one is asked for', async () => {
		const check = async (items: { field: string; pcode: string | null }[], level?: 1 | 2 | 3) =>
			(await refused(() => assertPcodes(w.db, items, level))).fields;
		expect(
			await check([
				{ field: 'a', pcode: 'KH02' },
				{ field: 'b', pcode: null },
				{ field: 'c', pcode: 'KH0299' }
			])
		).toEqual({ c: MESSAGE });
		expect(await check([{ field: 'provinces', pcode: 'KH0201' }], 1)).toEqual({
			provinces: MESSAGE
		});
		await expect(assertPcodes(w.db, [{ field: 'a', pcode: 'KH0201' }], 2)).resolves.toBeUndefined();
	});
});
