/** Admin areas as map data: GeoJSON for the maps, and the point → P-code lookup. */
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { prepared } from '$lib/server/db/statements';
import type { Db } from '$lib/server/db';
import { first } from '$lib/server/db/transaction';
import { adminAreas } from '$lib/server/db/schema';
import type { AreaGeometry } from '$lib/domain/geometry';
import type { AdminLevel, BoundaryCollection } from '$lib/domain/places';
import { areaBoxesAt, type AreaBox } from './boxes';

/** The areas of one level that have geometry, as a GeoJSON FeatureCollection. */
export async function boundaries(
	db: Db,
	level: AdminLevel,
	parentPcode?: string
): Promise<BoundaryCollection> {
	return JSON.parse(await boundariesJson(db, level, parentPcode)) as BoundaryCollection;
}

/**
 * The same collection as `boundaries`, written straight to JSON text: the stored geometry is
 * already JSON, so it is spliced in rather than parsed and written again.
 */
export async function boundariesJson(
	db: Db,
	level: AdminLevel,
	parentPcode?: string
): Promise<string> {
	const rows = await db
		.select({
			pcode: adminAreas.pcode,
			parentPcode: adminAreas.parentPcode,
			nameEn: adminAreas.nameEn,
			nameKm: adminAreas.nameKm,
			source: adminAreas.geometrySource,
			geometry: adminAreas.geometry
		})
		.from(adminAreas)
		.where(
			and(
				eq(adminAreas.level, level),
				isNotNull(adminAreas.geometry),
				parentPcode ? eq(adminAreas.parentPcode, parentPcode) : undefined
			)
		)
		.orderBy(asc(adminAreas.pcode));
	const features = rows.map(({ geometry, source, ...r }) => {
		const properties = JSON.stringify({ ...r, level, source });
		return `{"type":"Feature","id":${JSON.stringify(r.pcode)},"properties":${properties},"geometry":${geometry}}`;
	});
	return `{"type":"FeatureCollection","features":[${features.join(',')}]}`;
}

/**
 * What changes whenever any admin area does (an import, a rename, a shape cleared): the count
 * of areas and of shapes and the latest change. Never reads a shape: on SQLite a row holds its
 * shape before `updated_at`, so `max(updated_at)` or `count(geometry)` over the rows read every
 * shape there is (megabytes, on every page with a map). Each figure is its own subquery: the
 * areas and the latest change from an index, the shapes by `is not null`, which reads only
 * each row's header. A client's copy is checked for the price of one small query. Not the boxes' `stamp`: that one says when
 * one area's shape changed (for the parsed-shape cache of `pcodeAt`), this one when anything a
 * map shows did, names included.
 */
export async function boundariesVersion(db: Db): Promise<string> {
	// Built once (`prepared`): every page with a map asks.
	const [row] = await prepared(db, 'places.boundariesVersion', (d) =>
		d
			.select({
				areas: sql<number>`(select count(*) from ${adminAreas})`,
				shapes: sql<number>`(select count(*) from ${adminAreas} where ${adminAreas.geometry} is not null)`,
				latest: sql<Date | null>`(select max(${adminAreas.updatedAt}) from ${adminAreas})`.mapWith(
					adminAreas.updatedAt
				)
			})
			.from(sql`(select 1) as version`)
			.prepare()
	).execute();
	return `${row?.areas ?? 0}.${row?.shapes ?? 0}.${row?.latest?.getTime() ?? 0}`;
}

/**
 * Ends a change of the boundaries (in its transaction) so that `boundariesVersion` moves on
 * whatever this server's clock says: the rows were stamped by it, and several servers' clocks
 * never agree exactly, so one behind another's could leave the latest change where it was. One
 * area it changed is stamped after every stamp there is.
 */
export async function stampBoundaries(tx: Db, pcode: string): Promise<void> {
	const [row] = await tx
		.select({
			latest: sql<Date | null>`max(${adminAreas.updatedAt})`.mapWith(adminAreas.updatedAt)
		})
		.from(adminAreas);
	const at = new Date(Math.max(Date.now(), (row?.latest?.getTime() ?? 0) + 1));
	await tx.update(adminAreas).set({ updatedAt: at }).where(eq(adminAreas.pcode, pcode));
}

export interface LevelSummary {
	level: AdminLevel;
	areas: number;
	withGeometry: number;
	/** Each geometry source with how many areas of the level use it. */
	sources: { source: string; areas: number }[];
}

/**
 * Per level: how many areas, how many with geometry, and where the geometry comes from; read
 * from the index by level and source, not the rows (which hold the shapes first).
 */
export async function levelSummaries(db: Db): Promise<LevelSummary[]> {
	const rows = await prepared(db, 'places.levelSummaries', (d) =>
		d
			.select({
				level: adminAreas.level,
				source: adminAreas.geometrySource,
				n: sql<number>`count(*)`
			})
			.from(adminAreas)
			.groupBy(adminAreas.level, adminAreas.geometrySource)
			.prepare()
	).execute();
	return ([1, 2, 3] as const).map((level) => {
		const mine = rows.filter((r) => r.level === level);
		return {
			level,
			areas: mine.reduce((a, r) => a + r.n, 0),
			withGeometry: mine.filter((r) => r.source).reduce((a, r) => a + r.n, 0),
			sources: mine
				.filter((r): r is typeof r & { source: string } => !!r.source)
				.map((r) => ({ source: r.source, areas: r.n }))
				.sort((a, b) => b.areas - a.areas)
		};
	});
}

/** Where each area of a level with a shape got it from, by P-code; no geometry is read. */
export async function geometrySources(db: Db, level: AdminLevel): Promise<Map<string, string>> {
	const rows = await db
		.select({ pcode: adminAreas.pcode, source: adminAreas.geometrySource })
		.from(adminAreas)
		.where(and(eq(adminAreas.level, level), isNotNull(adminAreas.geometrySource)));
	return new Map(rows.map((r) => [r.pcode, r.source as string]));
}

/** Which levels have any geometry, for maps deciding what layers to offer. */
export async function levelsWithGeometry(db: Db): Promise<AdminLevel[]> {
	return (await levelSummaries(db)).filter((s) => s.withGeometry > 0).map((s) => s.level);
}

/** Parsed shapes by P-code, with the stamp they were read under (see `areaBoxesAt`). */
const shapes = new Map<string, { stamp: number; geometry: AreaGeometry | null }>();

async function shapeOf(db: Db, pcode: string, stamp: number): Promise<AreaGeometry | null> {
	const kept = shapes.get(pcode);
	if (kept && kept.stamp === stamp) return kept.geometry;
	const row = await first(
		db.select({ geometry: adminAreas.geometry }).from(adminAreas).where(eq(adminAreas.pcode, pcode))
	);
	const geometry = row?.geometry ? (JSON.parse(row.geometry) as AreaGeometry) : null;
	shapes.set(pcode, { stamp, geometry });
	return geometry;
}

/**
 * The finest admin area containing the point (commune, else district, else province), or null
 * outside every area with a shape. The R*Tree gives the few areas whose box holds the point;
 * only their shapes are tested, parsed once and kept until the area's shape changes.
 */
export async function pcodeAt(
	db: Db,
	lon: number,
	lat: number,
	/** The areas whose box holds the point, when already read (`areaBoxesAtEach`). */
	boxes?: Promise<AreaBox[]>
): Promise<string | null> {
	const candidates = (await (boxes ?? areaBoxesAt(db, lon, lat))).sort(
		(a, b) => b.level - a.level || a.pcode.localeCompare(b.pcode)
	);
	for (const c of candidates) {
		const geometry = await shapeOf(db, c.pcode, c.stamp);
		if (geometry && booleanPointInPolygon([lon, lat], geometry)) return c.pcode;
	}
	return null;
}
