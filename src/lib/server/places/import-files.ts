/**
 * Reading boundary files: GeoJSON or TopoJSON (OCHA COD-AB, geoBoundaries) and the CSVs that go
 * with them (P-code gazetteers, the geoBoundaries district crosswalk). Pure: text in, validated
 * areas out, or a UserError that names the file, the feature and what is wrong.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Topology } from 'topojson-specification';
import { feature } from 'topojson-client';
import { parse } from 'csv-parse/sync';
import { m } from '$lib/paraglide/messages.js';
import type { AreaGeometry } from '$lib/domain/geometry';
import { isoToPcode, pcodeLevel, parentPcode, type AdminLevel } from '$lib/domain/places';
import { UserError } from '$lib/server/errors';
import { checkAreaGeometry, checkTopology, PointBudget } from './geometry-check';
import { PROVINCES } from './provinces';

export interface BoundaryFile {
	name: string;
	text: string;
}

export interface ImportedArea {
	pcode: string;
	level: AdminLevel;
	parentPcode: string | null;
	nameEn: string | null;
	nameKm: string | null;
	geometry?: AreaGeometry;
}

/** Shapes of one level from one file. */
export interface ShapeLayer {
	file: string;
	format: 'cod-ab' | 'geoboundaries';
	level: AdminLevel;
	areas: (ImportedArea & { geometry: AreaGeometry })[];
}

/** Areas without shapes (a gazetteer), or the crosswalk for geoBoundaries districts. */
export type CsvContent =
	| { kind: 'gazetteer'; file: string; level: 2 | 3; areas: ImportedArea[] }
	| { kind: 'crosswalk'; file: string; byShapeId: Map<string, CrosswalkRow> };

interface CrosswalkRow {
	pcode: string;
	nameEn: string | null;
	nameKm: string | null;
}

const levelWord = (level: AdminLevel) =>
	({ 1: m.boundaries_level_1, 2: m.boundaries_level_2, 3: m.boundaries_level_3 })[level]();

const PROVINCE_CODES = new Set<string>(PROVINCES.map((p) => p.pcode));

const text = (v: unknown): string | null =>
	typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null;

/** Property lookup ignoring case: files spell ADM1_PCODE, adm1_pcode, Adm1_Pcode. */
function prop(props: Record<string, unknown>, name: string): string | null {
	const key = Object.keys(props).find((k) => k.toLowerCase() === name.toLowerCase());
	return key === undefined ? null : text(props[key]);
}

export function isCsv(file: BoundaryFile): boolean {
	return /\.csv$/i.test(file.name);
}

/**
 * The features of a GeoJSON FeatureCollection or of every object of a TopoJSON Topology. Only
 * the structure is checked here; each feature's geometry is checked where it is read.
 */
function readFeatures(
	file: BoundaryFile,
	budget: PointBudget
): { features: Feature<Geometry | null>[]; topology: boolean } {
	let data: unknown;
	try {
		data = JSON.parse(file.text);
	} catch (e) {
		throw new UserError(
			m.boundaries_error_json({ file: file.name, detail: (e as Error).message.slice(0, 120) })
		);
	}
	const obj = data as { type?: unknown; features?: unknown; objects?: unknown; arcs?: unknown };
	let features: Feature<Geometry | null>[];
	if (obj?.type === 'FeatureCollection' && Array.isArray(obj.features)) {
		features = (data as FeatureCollection<Geometry | null>).features;
	} else if (obj?.type === 'Topology' && obj.objects && Array.isArray(obj.arcs)) {
		checkTopology(file.name, obj as Record<string, unknown>, budget);
		const topo = data as Topology;
		features = Object.values(topo.objects).flatMap((o) => {
			const fc = feature(topo, o);
			return 'features' in fc ? fc.features : [fc];
		});
	} else if (obj?.type === 'Feature') {
		features = [data as Feature<Geometry | null>];
	} else {
		throw new UserError(m.boundaries_error_not_geo({ file: file.name }));
	}
	if (features.length === 0) throw new UserError(m.boundaries_error_empty({ file: file.name }));
	const topology = obj.type === 'Topology';
	features.forEach((f, i) => {
		const props = (f as { properties?: unknown } | null)?.properties;
		if (
			typeof f !== 'object' ||
			f === null ||
			f.type !== 'Feature' ||
			(props !== null && props !== undefined && (typeof props !== 'object' || Array.isArray(props)))
		) {
			throw new UserError(m.boundaries_error_feature({ file: file.name, n: i + 1 }));
		}
	});
	return { features, topology };
}

/** COD-AB files name their deepest level's code; geoBoundaries say ADM1/ADM2 in shapeType. */
function detectLayer(
	file: string,
	props: Record<string, unknown>
): { format: ShapeLayer['format']; level: AdminLevel } {
	for (const level of [3, 2, 1] as const) {
		if (prop(props, `ADM${level}_PCODE`) !== null) return { format: 'cod-ab', level };
	}
	const type = (prop(props, 'shapeType') ?? prop(props, 'Level') ?? '').toUpperCase();
	if (type === 'ADM1' || prop(props, 'shapeISO') !== null)
		return { format: 'geoboundaries', level: 1 };
	if (type === 'ADM2') return { format: 'geoboundaries', level: 2 };
	throw new UserError(
		m.boundaries_error_no_code({
			file,
			n: 1,
			properties: 'ADM1_PCODE / ADM2_PCODE / ADM3_PCODE / shapeISO'
		})
	);
}

/** Checks a code read from feature `n` is a P-code of the expected level (and a real province). */
function checkCode(file: string, n: number, code: string, level: AdminLevel): string {
	const pcode = code.trim().toUpperCase();
	if (pcodeLevel(pcode) !== level) {
		throw new UserError(m.boundaries_error_bad_pcode({ file, n, code, level: levelWord(level) }));
	}
	if (!PROVINCE_CODES.has(pcode.slice(0, 4))) {
		throw new UserError(
			level === 1
				? m.boundaries_error_not_province({ file, n, code })
				: m.boundaries_error_no_parent({ file, code, parent: pcode.slice(0, 4) })
		);
	}
	return pcode;
}

export function readShapeLayer(
	file: BoundaryFile,
	crosswalk: Map<string, CrosswalkRow> | null,
	budget = new PointBudget()
): ShapeLayer {
	const { features, topology } = readFeatures(file, budget);
	// A topology's points were counted from its arcs, shared borders once per use.
	const geometryBudget = topology ? new PointBudget(Infinity) : budget;
	const { format, level } = detectLayer(file.name, features[0].properties ?? {});
	if (format === 'geoboundaries' && level === 2 && !crosswalk) {
		throw new UserError(m.boundaries_error_needs_crosswalk({ file: file.name }));
	}
	const seen = new Map<string, number>();
	const areas: ShapeLayer['areas'] = [];
	features.forEach((f, i) => {
		const n = i + 1;
		const props = f.properties ?? {};
		let code: string | null;
		let nameEn: string | null;
		let nameKm: string | null = null;
		if (format === 'cod-ab') {
			code = prop(props, `ADM${level}_PCODE`);
			if (!code) {
				throw new UserError(
					m.boundaries_error_no_code({ file: file.name, n, properties: `ADM${level}_PCODE` })
				);
			}
			nameEn = prop(props, `ADM${level}_EN`);
			nameKm = prop(props, `ADM${level}_KM`) ?? prop(props, `ADM${level}_KH`);
		} else if (level === 1) {
			const iso = prop(props, 'shapeISO');
			code = iso ? (isoToPcode(iso) ?? iso) : null;
			if (!code) {
				throw new UserError(
					m.boundaries_error_no_code({ file: file.name, n, properties: 'ADM1_PCODE / shapeISO' })
				);
			}
			nameEn = prop(props, 'shapeName');
		} else {
			const id = prop(props, 'shapeID');
			if (!id) {
				throw new UserError(
					m.boundaries_error_no_code({ file: file.name, n, properties: 'shapeID' })
				);
			}
			const row = crosswalk?.get(id);
			if (!row)
				throw new UserError(m.boundaries_error_not_in_crosswalk({ file: file.name, n, id }));
			code = row.pcode;
			nameEn = row.nameEn ?? prop(props, 'shapeName');
			nameKm = row.nameKm;
		}
		const pcode = checkCode(file.name, n, code, level);
		const geometry = checkAreaGeometry(
			f.geometry,
			{ file: file.name, n, code: pcode },
			geometryBudget
		);
		const first = seen.get(pcode);
		if (first !== undefined) {
			throw new UserError(m.boundaries_error_duplicate({ file: file.name, code: pcode, first, n }));
		}
		seen.set(pcode, n);
		areas.push({
			pcode,
			level,
			parentPcode: parentPcode(pcode),
			nameEn,
			nameKm,
			geometry
		});
	});
	return { file: file.name, format, level, areas };
}

export function readCsv(file: BoundaryFile): CsvContent {
	let rows: Record<string, string>[];
	try {
		rows = parse(file.text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
	} catch (e) {
		throw new UserError(
			m.boundaries_error_csv_parse({ file: file.name, detail: (e as Error).message })
		);
	}
	const columns = rows.length
		? Object.keys(rows[0])
		: (file.text.split(/\r?\n/)[0] ?? '').split(',');
	const has = (...names: string[]) => names.every((c) => columns.includes(c));
	const rowError = (n: number, detail: string) =>
		new UserError(m.boundaries_error_csv_row({ file: file.name, n, detail }));

	if (has('shapeID', 'adm2_pcode')) {
		const byShapeId = new Map<string, CrosswalkRow>();
		rows.forEach((r, i) => {
			const pcode = r.adm2_pcode.toUpperCase();
			if (pcodeLevel(pcode) !== 2) {
				throw new UserError(
					m.boundaries_error_bad_pcode({
						file: file.name,
						n: i + 1,
						code: r.adm2_pcode,
						level: levelWord(2)
					})
				);
			}
			byShapeId.set(r.shapeID, {
				pcode,
				nameEn: text(r.gazetteer_name_en),
				nameKm: text(r.gazetteer_name_km)
			});
		});
		return { kind: 'crosswalk', file: file.name, byShapeId };
	}
	// A list of the 25 provinces adds nothing: they are built in, with both names.
	if (has('pcode', 'name_en') && !columns.some((c) => /^adm\d_pcode$/.test(c))) {
		throw new UserError(m.boundaries_error_provinces_csv({ file: file.name }));
	}
	const level = has('adm3_pcode', 'name_en', 'adm2_pcode')
		? 3
		: has('adm2_pcode', 'name_en', 'adm1_pcode')
			? 2
			: null;
	if (!level) {
		throw new UserError(m.boundaries_error_csv({ file: file.name, columns: columns.join(', ') }));
	}
	const codeColumn = `adm${level}_pcode`;
	const parentColumn = `adm${level - 1}_pcode`;
	const seen = new Map<string, number>();
	const areas = rows.map((r, i): ImportedArea => {
		const pcode = checkCode(file.name, i + 1, r[codeColumn] ?? '', level);
		const parent = (r[parentColumn] ?? '').toUpperCase();
		if (parentPcode(pcode) !== parent) {
			throw new UserError(
				m.boundaries_error_no_parent({ file: file.name, code: pcode, parent: parent || '–' })
			);
		}
		const nameEn = text(r.name_en);
		if (!nameEn) throw rowError(i + 1, m.boundaries_error_csv_name());
		const first = seen.get(pcode);
		if (first !== undefined) {
			throw new UserError(
				m.boundaries_error_duplicate({ file: file.name, code: pcode, first, n: i + 1 })
			);
		}
		seen.set(pcode, i + 1);
		return { pcode, level, parentPcode: parent, nameEn, nameKm: text(r.name_km) };
	});
	if (areas.length === 0) throw new UserError(m.boundaries_error_empty({ file: file.name }));
	return { kind: 'gazetteer', file: file.name, level, areas };
}
