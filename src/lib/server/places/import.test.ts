import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { type RootDb } from '$lib/server/db';
import { openTestDb } from '$lib/server/db/testing';
import { adminAreas, auditLog } from '$lib/server/db/schema';
import { UserError } from '$lib/server/errors';
import { ensureProvinces, NATURAL_EARTH } from './provinces';
import { importBoundaries, type BoundaryFile } from './import';
import { boundaries, boundariesJson, boundariesVersion, levelSummaries, pcodeAt } from './geo';

/** The real files humanitarian users have, kept outside the repository. */
const DATA = process.env.BOUNDARY_DATA ?? join(process.cwd(), '../shared/data/boundaries');
const file = (name: string): BoundaryFile => ({
	name,
	text: readFileSync(join(DATA, name), 'utf8')
});

const ADM1_TOPO = 'geoBoundaries-KHM-ADM1_simplified.topojson';
const ADM1_GEO = 'geoBoundaries-KHM-ADM1_simplified.geojson';
const ADM2_GEO = 'geoBoundaries-KHM-ADM2_simplified.geojson';
const ADM2_TOPO = 'geoBoundaries-KHM-ADM2_simplified.topojson';
const CROSSWALK = 'khm_adm2_geoboundaries_pcode_crosswalk.csv';
const DISTRICTS = 'khm_pcodes_adm2_districts.csv';
const COMMUNES = 'khm_pcodes_adm3_communes.csv';

async function freshDb(): Promise<RootDb> {
	const db = await openTestDb();
	await ensureProvinces(db);
	return db;
}

/** Everything in admin_areas, to compare before and after a refused import. */
const snapshot = (db: RootDb) => db.select().from(adminAreas).orderBy(adminAreas.pcode);

const area = async (db: RootDb, pcode: string) =>
	(await db.select().from(adminAreas).where(eq(adminAreas.pcode, pcode)))[0];

const auditCount = async (db: RootDb) =>
	(await db.select({ n: sql<number>`count(*)` }).from(auditLog))[0].n;

async function expectRefused(db: RootDb, files: BoundaryFile[], message: RegExp) {
	const before = await snapshot(db);
	const audits = await auditCount(db);
	let error: unknown;
	try {
		await importBoundaries(db, null, files);
	} catch (e) {
		error = e;
	}
	expect(error).toBeInstanceOf(UserError);
	expect((error as Error).message).toMatch(message);
	expect(await snapshot(db)).toEqual(before);
	expect(await auditCount(db)).toBe(audits);
}

describe('importing provinces (geoBoundaries ADM1)', () => {
	it('replaces the Natural Earth default with 25 shapes, Tboung Khmum included', async () => {
		const db = await freshDb();
		const before = await boundariesVersion(db);
		const summary = await importBoundaries(db, null, [file(ADM1_TOPO)]);
		expect(summary.levels).toEqual([{ level: 1, areas: 0, shapes: 25, created: 0 }]);
		// Browsers holding the default shapes get the imported ones on their next check.
		expect(await boundariesVersion(db)).not.toBe(before);
		const fc = await boundaries(db, 1);
		expect(JSON.parse(await boundariesJson(db, 1))).toEqual(fc);
		expect(fc.features).toHaveLength(25);
		expect(new Set(fc.features.map((f) => f.properties.source))).toEqual(new Set([ADM1_TOPO]));
		const kh25 = (await area(db, 'KH25'))!;
		expect(kh25.nameKm).toBe('ត្បូងឃ្មុំ');
		expect(kh25.nameEn).toBe('Tboung Khmum');
		// File names differ from the gazetteer's; provinces keep the gazetteer's.
		expect((await area(db, 'KH01'))!.nameEn).toBe('Banteay Meanchey');
		expect(await pcodeAt(db, 105.63, 11.92)).toBe('KH25'); // Suong, Tboung Khmum
		expect(await pcodeAt(db, 102.565, 13.659)).toBe('KH01'); // Poipet
		// Simplified to a reasonable size, with a box around each shape.
		const size = fc.features.reduce((a, f) => a + JSON.stringify(f.geometry).length, 0);
		expect(size).toBeLessThan(file(ADM1_GEO).text.length / 2);
		expect(kh25.bbox![0]).toBeGreaterThan(105);
		const audit = await db.select().from(auditLog);
		expect(audit.at(-1)).toMatchObject({ entity: 'admin_areas', entityId: 'level 1' });
	});

	it('re-importing (GeoJSON this time) replaces the level without duplicates', async () => {
		const db = await freshDb();
		await importBoundaries(db, null, [file(ADM1_TOPO)]);
		await importBoundaries(db, null, [file(ADM1_GEO)]);
		const [level1] = await levelSummaries(db);
		expect(level1).toEqual({
			level: 1,
			areas: 25,
			withGeometry: 25,
			sources: [{ source: ADM1_GEO, areas: 25 }]
		});
		expect((await levelSummaries(db))[0].sources.map((s) => s.source)).not.toContain(NATURAL_EARTH);
	});
	it('moves the version on even when another server stamped the areas later by its clock', async () => {
		const db = await freshDb();
		await importBoundaries(db, null, [file(ADM1_TOPO)]);
		// Another server, its clock an hour ahead, added a district last: a province import
		// leaves it as it is.
		await db.insert(adminAreas).values({
			pcode: 'KH0102',
			level: 2,
			parentPcode: 'KH01',
			nameEn: 'Mongkol Borei',
			nameKm: 'មង្គលបូរី'
		});
		await db.update(adminAreas).set({ updatedAt: new Date(Date.now() + 3_600_000) });
		const before = await boundariesVersion(db);
		await importBoundaries(db, null, [file(ADM1_GEO)]);
		expect(await boundariesVersion(db)).not.toBe(before);
	});
});

describe('importing districts and communes', () => {
	let db: RootDb;
	beforeAll(async () => {
		db = await freshDb();
		await importBoundaries(db, null, [file(DISTRICTS), file(COMMUNES)]);
	});

	it('creates the 210 districts and 1,652 communes of the gazetteers, with both names', async () => {
		const [, districts, communes] = await levelSummaries(db);
		expect(districts.areas).toBe(210);
		expect(communes.areas).toBe(1652);
		expect(districts.withGeometry).toBe(0);
		expect(await area(db, 'KH0110')).toMatchObject({
			nameEn: 'Poipet',
			level: 2,
			parentPcode: 'KH01'
		});
		expect(await area(db, 'KH010201')).toMatchObject({
			nameEn: 'Banteay Neang',
			nameKm: 'បន្ទាយនាង',
			parentPcode: 'KH0102'
		});
	});

	it('maps the 197 geoBoundaries district shapes to 197 P-codes with the crosswalk', async () => {
		const summary = await importBoundaries(db, null, [file(ADM2_TOPO), file(CROSSWALK)]);
		expect(summary.levels).toEqual([{ level: 2, areas: 0, shapes: 197, created: 0 }]);
		const fc = await boundaries(db, 2);
		expect(new Set(fc.features.map((f) => f.properties.pcode)).size).toBe(197);
		expect((await area(db, 'KH0110'))!.nameEn).toBe('Poipet');
		expect((await area(db, 'KH0110'))!.nameKm).toBe('ប៉ោយប៉ែត');
		expect(await pcodeAt(db, 102.565, 13.659)).toBe('KH0110');
		const [, districts] = await levelSummaries(db);
		expect(districts).toMatchObject({ areas: 210, withGeometry: 197 });
		// Again, from the GeoJSON: same areas, no duplicates.
		await importBoundaries(db, null, [file(ADM2_GEO), file(CROSSWALK)]);
		expect((await levelSummaries(db))[1]).toMatchObject({
			areas: 210,
			withGeometry: 197,
			sources: [{ source: ADM2_GEO, areas: 197 }]
		});
	});

	it('keeps Khmer names when a file has none', async () => {
		const cod: BoundaryFile = {
			name: 'cod-adm2.geojson',
			text: JSON.stringify({
				type: 'FeatureCollection',
				features: [
					{
						type: 'Feature',
						properties: { ADM2_PCODE: 'KH0110', ADM2_EN: 'Paoy Paet', ADM1_PCODE: 'KH01' },
						geometry: {
							type: 'Polygon',
							coordinates: [
								[
									[102.5, 13.6],
									[102.7, 13.6],
									[102.7, 13.8],
									[102.5, 13.6]
								]
							]
						}
					}
				]
			})
		};
		await importBoundaries(db, null, [cod]);
		expect(await area(db, 'KH0110')).toMatchObject({ nameEn: 'Paoy Paet', nameKm: 'ប៉ោយប៉ែត' });
		expect((await levelSummaries(db))[1]).toMatchObject({ areas: 210, withGeometry: 1 });
	});
});

describe('wrong files change nothing and say what is wrong', () => {
	const fc = (features: object[]) => JSON.stringify({ type: 'FeatureCollection', features });
	const poly = {
		type: 'Polygon',
		coordinates: [
			[
				[104, 12],
				[105, 12],
				[105, 13],
				[104, 12]
			]
		]
	};
	const feat = (properties: object) => ({ type: 'Feature', properties, geometry: poly });

	it('a feature without a code', async () => {
		const db = await freshDb();
		const text = fc([
			feat({ ADM1_PCODE: 'KH01' }),
			feat({ ADM1_PCODE: 'KH02' }),
			feat({ ADM1_EN: 'x' })
		]);
		await expectRefused(
			db,
			[{ name: 'adm1.geojson', text }],
			/adm1\.geojson: feature 3 has no ADM1_PCODE/
		);
	});

	it('a geoBoundaries feature without shapeISO', async () => {
		const db = await freshDb();
		const broken = JSON.parse(file(ADM1_GEO).text);
		delete broken.features[11].properties.shapeISO;
		await expectRefused(
			db,
			[{ name: 'gb.geojson', text: JSON.stringify(broken) }],
			/feature 12 has no ADM1_PCODE \/ shapeISO/
		);
	});

	it('truncated JSON', async () => {
		const db = await freshDb();
		const text = file(ADM1_TOPO).text.slice(0, 5000);
		await expectRefused(db, [{ name: 'cut.topojson', text }], /cut\.topojson is not valid JSON/);
	});

	it('JSON that is not GeoJSON or TopoJSON', async () => {
		const db = await freshDb();
		await expectRefused(db, [{ name: 'x.json', text: '{"hello": 1}' }], /not GeoJSON or TopoJSON/);
	});

	it('a code of the wrong level, or not a province', async () => {
		const db = await freshDb();
		await expectRefused(
			db,
			[{ name: 'd.geojson', text: fc([feat({ ADM2_PCODE: 'KH01' })]) }],
			/feature 1: KH01 is not a district P-code/
		);
		await expectRefused(
			db,
			[{ name: 'p.geojson', text: fc([feat({ ADM1_PCODE: 'KH99' })]) }],
			/KH99 is not one of Cambodia's 25 province P-codes/
		);
	});

	it('districts whose geoBoundaries file comes without the crosswalk', async () => {
		const db = await freshDb();
		await expectRefused(db, [file(ADM2_GEO)], /no P-codes: add the crosswalk CSV/);
	});

	it('a commune whose district does not exist, even after a good file in the same import', async () => {
		const db = await freshDb();
		const communes = file(COMMUNES);
		await expectRefused(
			db,
			[file(ADM1_TOPO), communes],
			/KH010201 belongs to KH0102, which does not exist/
		);
		expect((await levelSummaries(db))[0].sources).toEqual([{ source: NATURAL_EARTH, areas: 24 }]);
	});

	it('a CSV that is neither gazetteer nor crosswalk', async () => {
		const db = await freshDb();
		const other = { name: 'people.csv', text: 'name,age\nSok,30\n' };
		await expectRefused(db, [other], /people\.csv: CSV columns not recognised/);
	});

	it('a feature without polygon geometry', async () => {
		const db = await freshDb();
		const text = fc([
			{
				type: 'Feature',
				properties: { ADM1_PCODE: 'KH01' },
				geometry: { type: 'Point', coordinates: [104, 12] }
			}
		]);
		await expectRefused(
			db,
			[{ name: 'pt.geojson', text }],
			/feature 1 \(KH01\) has no polygon geometry/
		);
	});

	const withGeometry = (geometry: unknown) =>
		fc([{ type: 'Feature', properties: { ADM1_PCODE: 'KH01' }, geometry }]);
	const ring = (points: unknown[]) => ({ type: 'Polygon', coordinates: [points] });

	it.each([
		[
			'strings',
			ring([
				['104', '12'],
				['105', '12'],
				['105', '13'],
				['104', '12']
			])
		],
		['nulls', ring([null, [105, 12], [105, 13], null])],
		[
			'a ring of 3 points',
			ring([
				[104, 12],
				[105, 12],
				[104, 12]
			])
		],
		['no rings', { type: 'Polygon', coordinates: [] }],
		['a number for a ring', { type: 'Polygon', coordinates: [7] }]
	])('coordinates with %s', async (_, geometry) => {
		const db = await freshDb();
		await expectRefused(
			db,
			[{ name: 'bad.geojson', text: withGeometry(geometry) }],
			/bad\.geojson: feature 1 \(KH01\): coordinates must be longitude and latitude numbers/
		);
	});

	it('geometry nested 5,000 deep', async () => {
		const db = await freshDb();
		const deep = '['.repeat(5000) + '104,12' + ']'.repeat(5000);
		const text = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"ADM1_PCODE":"KH01"},"geometry":{"type":"Polygon","coordinates":${deep}}}]}`;
		await expectRefused(db, [{ name: 'deep.geojson', text }], /coordinates must be longitude/);
	});

	it('a point far outside Cambodia, or at ±1e308', async () => {
		const db = await freshDb();
		for (const [lon, lat] of [
			[1e308, 12],
			[-1e308, -1e308],
			[2.35, 48.85]
		]) {
			const geometry = ring([
				[104, 12],
				[lon, lat],
				[105, 13],
				[104, 12]
			]);
			await expectRefused(
				db,
				[{ name: 'far.geojson', text: withGeometry(geometry) }],
				/far\.geojson: feature 1 \(KH01\) has a point at .* far outside Cambodia/
			);
		}
		// 1e999 parses as Infinity, which is no coordinate.
		await expectRefused(
			db,
			[
				{
					name: 'inf.geojson',
					text: withGeometry(
						ring([
							[104, 12],
							[105, 12],
							[105, 13],
							[104, 12]
						])
					).replace('105,12', '1e999,12')
				}
			],
			/feature 1 \(KH01\): coordinates must be longitude and latitude numbers/
		);
	});

	it('a polygon of a million points is refused before any work on it', async () => {
		const db = await freshDb();
		const points: number[][] = [];
		for (let i = 0; i < 1_000_000; i++) points.push([104 + (i % 1000) / 1000, 12 + i / 1e6]);
		points.push(points[0]);
		await expectRefused(
			db,
			[{ name: 'huge.geojson', text: withGeometry(ring(points)) }],
			/huge\.geojson has more than 400,000 points/
		);
	});

	describe('damaged TopoJSON', () => {
		const topology = (over: object) =>
			JSON.stringify({
				type: 'Topology',
				arcs: [
					[
						[104, 12],
						[105, 12],
						[105, 13],
						[104, 12]
					]
				],
				objects: {
					adm1: {
						type: 'GeometryCollection',
						geometries: [{ type: 'Polygon', arcs: [[0]], properties: { ADM1_PCODE: 'KH01' } }]
					}
				},
				...over
			});

		it('is imported when sound', async () => {
			const db = await freshDb();
			expect(
				(await importBoundaries(db, null, [{ name: 'ok.topojson', text: topology({}) }])).levels
			).toEqual([{ level: 1, areas: 0, shapes: 1, created: 0 }]);
		});

		it.each([
			[
				'an arc number that does not exist',
				{ adm1: { type: 'Polygon', arcs: [[5]], properties: { ADM1_PCODE: 'KH01' } } }
			],
			[
				'a negative arc number past the end',
				{ adm1: { type: 'Polygon', arcs: [[-3]], properties: { ADM1_PCODE: 'KH01' } } }
			],
			[
				'an arc number that is text',
				{ adm1: { type: 'Polygon', arcs: [['0']], properties: { ADM1_PCODE: 'KH01' } } }
			],
			['an unknown geometry type', { adm1: { type: 'Blob', arcs: [[0]] } }]
		])('%s', async (_, objects) => {
			await expectRefused(
				await freshDb(),
				[{ name: 'bad.topojson', text: topology({ objects }) }],
				/bad\.topojson: the TopoJSON is damaged/
			);
		});

		it('arcs of text, or a broken transform', async () => {
			for (const over of [
				{ arcs: [[['104', '12']]] },
				{ transform: { scale: [1], translate: 'x' } }
			]) {
				await expectRefused(
					await freshDb(),
					[{ name: 'bad.topojson', text: topology(over) }],
					/the TopoJSON is damaged/
				);
			}
		});

		it('an arc used a million times counts a million times', async () => {
			const many = Array.from({ length: 200_000 }, () => 0);
			const objects = {
				adm1: { type: 'Polygon', arcs: [many], properties: { ADM1_PCODE: 'KH01' } }
			};
			await expectRefused(
				await freshDb(),
				[{ name: 'bomb.topojson', text: topology({ objects }) }],
				/bomb\.topojson has more than 400,000 points/
			);
		});
	});
});

describe('files that import nothing on their own', () => {
	it('says so for the crosswalk alone, and why', async () => {
		await expectRefused(
			await freshDb(),
			[file(CROSSWALK)],
			/^Nothing was imported: khm_adm2_geoboundaries_pcode_crosswalk\.csv is the crosswalk .* Import it together with the geoBoundaries district file/
		);
	});

	it('says so for a list of the 25 provinces, which are built in', async () => {
		await expectRefused(
			await freshDb(),
			[file('provinces.csv')],
			/^Nothing was imported: provinces\.csv lists the 25 provinces, which Sahakar already has/
		);
	});
});
