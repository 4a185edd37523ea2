/**
 * Point → P-code, in process: the R*Tree lookup every submission makes, beside the way it was
 * done before (read every area's box, then parse and test the shapes whose box holds the point),
 * on the same points in the same run. Provinces and districts are the real geoBoundaries shapes
 * (the files the import tests use); the 1,652 communes get synthetic shapes (each district's box
 * cut into a grid, one cell per commune), since no commune shapes are public, so both ways see
 * Cambodia's real number of areas.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, isNotNull } from 'drizzle-orm';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { bboxContains, type AreaGeometry } from '../../src/lib/domain/geometry';
import { closeDb, type Db } from '../../src/lib/server/db';
import { first } from '../../src/lib/server/db/transaction';
import { adminAreas } from '../../src/lib/server/db/schema';
import { pcodeAt } from '../../src/lib/server/places';
import { importBoundaries, type BoundaryFile } from '../../src/lib/server/places/import';
import { benchDb, quantile, rng, type Bench, type BenchRow } from './harness';

const DATA = process.env.BOUNDARY_DATA ?? join(process.cwd(), '../shared/data/boundaries');
const file = (name: string): BoundaryFile => ({
	name,
	text: readFileSync(join(DATA, name), 'utf8')
});

/** The lookup as it was before the R*Tree: every box read, candidate shapes parsed each time. */
async function fullScanPcodeAt(db: Db, lon: number, lat: number): Promise<string | null> {
	const areas = await db
		.select({ pcode: adminAreas.pcode, level: adminAreas.level, bbox: adminAreas.bbox })
		.from(adminAreas)
		.where(isNotNull(adminAreas.geometry));
	const candidates = areas
		.filter((a) => a.bbox && bboxContains(a.bbox, lon, lat))
		.sort((a, b) => b.level - a.level || a.pcode.localeCompare(b.pcode));
	for (const c of candidates) {
		const row = await first(
			db
				.select({ geometry: adminAreas.geometry })
				.from(adminAreas)
				.where(eq(adminAreas.pcode, c.pcode))
		);
		if (!row?.geometry) continue;
		if (booleanPointInPolygon([lon, lat], JSON.parse(row.geometry) as AreaGeometry)) return c.pcode;
	}
	return null;
}

/** One commune shape per gazetteer commune: its district's box cut into equal cells. */
async function syntheticCommunes(db: Db): Promise<BoundaryFile> {
	const districts = await db
		.select({ pcode: adminAreas.pcode, bbox: adminAreas.bbox })
		.from(adminAreas)
		.where(eq(adminAreas.level, 2));
	const communes = await db
		.select({ pcode: adminAreas.pcode, parent: adminAreas.parentPcode })
		.from(adminAreas)
		.where(eq(adminAreas.level, 3));
	const features = districts.flatMap((d) => {
		const mine = communes.filter((c) => c.parent === d.pcode);
		if (!d.bbox || !mine.length) return [];
		const [w, s, e, n] = d.bbox;
		const columns = Math.ceil(Math.sqrt(mine.length));
		const rows = Math.ceil(mine.length / columns);
		const dx = (e - w) / columns;
		const dy = (n - s) / rows;
		return mine.map((c, i) => {
			const x = w + (i % columns) * dx;
			const y = s + Math.floor(i / columns) * dy;
			return {
				type: 'Feature',
				properties: { ADM3_PCODE: c.pcode },
				geometry: {
					type: 'Polygon',
					coordinates: [
						[
							[x, y],
							[x + dx, y],
							[x + dx, y + dy],
							[x, y + dy],
							[x, y]
						]
					]
				}
			};
		});
	});
	return {
		name: 'synthetic-communes.geojson',
		text: JSON.stringify({ type: 'FeatureCollection', features })
	};
}

/** Each lookup timed on its own, over every point, after a first pass over `warmUp`. */
async function timeLookups(
	points: [number, number][],
	warmUp: [number, number][],
	lookup: (lon: number, lat: number) => Promise<unknown>
) {
	for (const [lon, lat] of warmUp) await lookup(lon, lat);
	const samples: number[] = [];
	const started = performance.now();
	for (const [lon, lat] of points) {
		const t = performance.now();
		await lookup(lon, lat);
		samples.push(performance.now() - t);
	}
	const total = performance.now() - started;
	samples.sort((a, b) => a - b);
	return { perSecond: (points.length / total) * 1000, p99: quantile(samples, 0.99) };
}

export const placesBench: Bench = {
	name: 'places',
	async run({ scale, workDir }): Promise<BenchRow[]> {
		const db = await benchDb(join(workDir, 'places.db'));
		await importBoundaries(db, null, [
			file('geoBoundaries-KHM-ADM1_simplified.topojson'),
			file('geoBoundaries-KHM-ADM2_simplified.topojson'),
			file('khm_adm2_geoboundaries_pcode_crosswalk.csv'),
			file('khm_pcodes_adm2_districts.csv'),
			file('khm_pcodes_adm3_communes.csv')
		]);
		await importBoundaries(db, null, [await syntheticCommunes(db)]);
		const shapes = await db.$count(adminAreas, isNotNull(adminAreas.geometry));

		// Points where submissions come from: inside a random district's box.
		const random = rng(17);
		const districts = await db
			.select({ bbox: adminAreas.bbox })
			.from(adminAreas)
			.where(eq(adminAreas.level, 2));
		const boxes = districts.flatMap((d) => (d.bbox ? [d.bbox] : []));
		const points = Array.from({ length: Math.max(1000, Math.round(20_000 * scale)) }, () => {
			const [w, s, e, n] = boxes[Math.floor(random() * boxes.length)];
			return [w + random() * (e - w), s + random() * (n - s)] as [number, number];
		});
		// The old way takes ~10 ms a lookup: a sample of the same points is enough for it.
		const sample = points.slice(0, 1000);
		for (const [lon, lat] of sample) {
			if ((await pcodeAt(db, lon, lat)) !== (await fullScanPcodeAt(db, lon, lat))) {
				throw new Error(`The two lookups disagree at ${lon}, ${lat}.`);
			}
		}

		// Ours parses each shape on first use and keeps it: that first pass is the warm-up.
		const ours = await timeLookups(points, points, (lon, lat) => pcodeAt(db, lon, lat));
		const before = await timeLookups(sample, sample.slice(0, 50), (lon, lat) =>
			fullScanPcodeAt(db, lon, lat)
		);
		await closeDb(db);
		const count = (n: number) => n.toLocaleString('en-US');
		const note = `${count(points.length)} points (before: ${count(sample.length)}), ${count(shapes)} shapes, warm`;
		const baselineLabel = 'every box read, shapes parsed per lookup (before)';
		return [
			{
				name: 'point → P-code: lookups per second (R*Tree)',
				value: ours.perSecond,
				unit: 'lookups/s',
				baseline: before.perSecond,
				baselineLabel,
				better: 'higher',
				note
			},
			{
				name: 'point → P-code: p99 per lookup (R*Tree)',
				value: ours.p99,
				unit: 'ms',
				baseline: before.p99,
				baselineLabel,
				better: 'lower',
				note
			}
		];
	}
};
