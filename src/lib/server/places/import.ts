/**
 * Boundary import: files in, admin areas replaced level by level in one transaction. Everything
 * is read and checked before the database is touched, so a wrong file changes nothing.
 */
import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '$lib/server/db';
import { transaction } from '$lib/server/db/transaction';
import { adminAreas } from '$lib/server/db/schema';
import { recordAudit } from '$lib/server/audit';
import { UserError } from '$lib/server/errors';
import { geometryBbox } from '$lib/domain/geometry';
import type { AdminLevel } from '$lib/domain/places';
import {
	isCsv,
	readCsv,
	readShapeLayer,
	type BoundaryFile,
	type CsvContent,
	type ImportedArea,
	type ShapeLayer
} from './import-files';
import { stampBoundaries } from './geo';
import { PointBudget } from './geometry-check';
import { fillDefaultProvinceGeometry, PROVINCES } from './provinces';
import { AREA_SIMPLIFY, simplifyAreas } from './simplify';

export type { BoundaryFile };

const MAX_FILE_MB = 50;

export interface ImportSummary {
	files: string[];
	/** Per level touched: areas named by gazetteers, shapes imported, areas created. */
	levels: { level: AdminLevel; areas: number; shapes: number; created: number }[];
}

const levelWord = (level: AdminLevel) =>
	({ 1: m.boundaries_level_1, 2: m.boundaries_level_2, 3: m.boundaries_level_3 })[level]();

interface Plan {
	gazetteers: Extract<CsvContent, { kind: 'gazetteer' }>[];
	layers: ShapeLayer[];
}

/** Reads every file; throws a UserError naming the first problem. */
function planImport(files: BoundaryFile[]): Plan {
	if (files.length === 0) throw new UserError(m.boundaries_error_no_files());
	for (const f of files) {
		if (f.text.length > MAX_FILE_MB * 1024 * 1024) {
			throw new UserError(m.boundaries_error_too_large({ file: f.name, max: MAX_FILE_MB }));
		}
	}
	const csvs = files.filter(isCsv).map(readCsv);
	const crosswalk = csvs.find((c) => c.kind === 'crosswalk')?.byShapeId ?? null;
	const budget = new PointBudget();
	const layers = files.filter((f) => !isCsv(f)).map((f) => readShapeLayer(f, crosswalk, budget));
	for (const layer of layers) {
		const other = layers.find((l) => l !== layer && l.level === layer.level);
		if (other) {
			throw new UserError(
				m.boundaries_error_same_level({
					file: layer.file,
					other: other.file,
					level: levelWord(layer.level)
				})
			);
		}
	}
	const gazetteers = csvs.filter((c): c is Plan['gazetteers'][number] => c.kind === 'gazetteer');
	if (!gazetteers.length && !layers.length) {
		// Only a crosswalk: it names P-codes for district shapes that were not sent with it.
		throw new UserError(m.boundaries_error_crosswalk_alone({ file: files[0].name }));
	}
	return { gazetteers, layers: layers.sort((a, b) => a.level - b.level) };
}

/**
 * Imports boundary files together: P-code gazetteers (areas and names), then shapes level by
 * level, each level's shapes replacing the previous ones. Areas are never deleted (records refer
 * to their P-codes); Khmer names stay when a file has none, and the 25 provinces keep their
 * gazetteer names.
 */
export async function importBoundaries(
	db: Db,
	actor: { id: number } | null,
	files: BoundaryFile[]
): Promise<ImportSummary> {
	const plan = planImport(files);
	// Simplify before the transaction: it is the slow part and touches no data.
	const simplified = plan.layers.map((layer) => {
		const geometries = simplifyAreas(
			layer.areas.map((a) => ({ type: 'Feature' as const, properties: {}, geometry: a.geometry })),
			AREA_SIMPLIFY
		);
		return {
			...layer,
			areas: layer.areas.map((a, i) => ({ ...a, geometry: geometries[i] ?? a.geometry }))
		};
	});

	return await transaction(db, async (tx) => {
		const levels = new Map<AdminLevel, ImportSummary['levels'][number]>();
		const count = (level: AdminLevel) => {
			let c = levels.get(level);
			if (!c) levels.set(level, (c = { level, areas: 0, shapes: 0, created: 0 }));
			return c;
		};

		const gazetteerAreas = plan.gazetteers.flatMap((g) =>
			g.areas.map((a) => ({ area: a, file: g.file }))
		);
		gazetteerAreas.sort((a, b) => a.area.level - b.area.level);
		for (const { area } of gazetteerAreas) count(area.level).areas++;
		for (const area of await upsertAreas(tx, gazetteerAreas)) count(area.level).created++;

		for (const layer of simplified) {
			const c = count(layer.level);
			await tx
				.update(adminAreas)
				.set({ geometry: null, bbox: null, geometrySource: null })
				.where(eq(adminAreas.level, layer.level));
			const inLayer = layer.areas.map((area) => ({ area, file: layer.file }));
			c.created += (await upsertAreas(tx, inLayer)).length;
			for (const area of layer.areas) {
				await tx
					.update(adminAreas)
					.set({
						geometry: JSON.stringify(area.geometry),
						bbox: geometryBbox(area.geometry),
						geometrySource: layer.file
					})
					.where(eq(adminAreas.pcode, area.pcode));
				c.shapes++;
			}
			// Provinces the file left out get the approximate default back rather than nothing.
			if (layer.level === 1) await fillDefaultProvinceGeometry(tx);
			await recordAudit(tx, {
				userId: actor?.id ?? null,
				action: 'update',
				entity: 'admin_areas',
				entityId: `level ${layer.level}`,
				detail: {
					file: layer.file,
					format: layer.format,
					level: layer.level,
					shapes: layer.areas.length
				}
			});
		}
		for (const g of plan.gazetteers) {
			await recordAudit(tx, {
				userId: actor?.id ?? null,
				action: 'update',
				entity: 'admin_areas',
				entityId: `level ${g.level}`,
				detail: { file: g.file, format: 'gazetteer', level: g.level, areas: g.areas.length }
			});
		}
		const touched = plan.layers[0]?.areas[0] ?? plan.gazetteers[0]?.areas[0];
		if (touched) await stampBoundaries(tx, touched.pcode);
		return {
			files: files.map((f) => f.name),
			levels: [...levels.values()].sort((a, b) => a.level - b.level)
		};
	});
}

const PROVINCE_NAMES = new Map<string, (typeof PROVINCES)[number]>(
	PROVINCES.map((p) => [p.pcode, p])
);

/** Rows per insert: every column is a parameter, and each engine caps their number. */
const INSERT_CHUNK = 500;

/**
 * Creates or renames areas, parents before children; returns those created. A parent must
 * exist or come earlier in the list. The areas are read once and the new ones inserted in a few
 * statements: one query per area was most of an import's time on a networked database.
 */
async function upsertAreas(
	tx: Db,
	areas: { area: ImportedArea; file: string }[]
): Promise<ImportedArea[]> {
	const known = new Map(
		(
			await tx
				.select({
					pcode: adminAreas.pcode,
					level: adminAreas.level,
					parentPcode: adminAreas.parentPcode,
					nameEn: adminAreas.nameEn,
					nameKm: adminAreas.nameKm
				})
				.from(adminAreas)
		).map((r) => [r.pcode, r])
	);
	const created = new Map<string, typeof adminAreas.$inferInsert>();
	const createdAreas: ImportedArea[] = [];
	for (const { area, file } of areas) {
		if (area.level === 1) continue; // the 25 provinces exist and keep their gazetteer names
		if (area.parentPcode && known.get(area.parentPcode)?.level !== area.level - 1) {
			throw new UserError(
				m.boundaries_error_no_parent({ file, code: area.pcode, parent: area.parentPcode })
			);
		}
		const existing = known.get(area.pcode);
		const nameEn = area.nameEn ?? existing?.nameEn ?? area.pcode;
		const nameKm =
			area.nameKm ?? existing?.nameKm ?? PROVINCE_NAMES.get(area.pcode)?.nameKm ?? nameEn;
		const row = {
			pcode: area.pcode,
			level: area.level,
			parentPcode: area.parentPcode,
			nameEn,
			nameKm
		};
		const pending = created.get(area.pcode);
		if (pending) Object.assign(pending, row);
		else if (existing) {
			const same =
				existing.nameEn === nameEn &&
				existing.nameKm === nameKm &&
				existing.parentPcode === area.parentPcode &&
				existing.level === area.level;
			if (!same) {
				await tx
					.update(adminAreas)
					.set({ nameEn, nameKm, parentPcode: area.parentPcode, level: area.level })
					.where(eq(adminAreas.pcode, area.pcode));
			}
		} else {
			created.set(area.pcode, row);
			createdAreas.push(area);
		}
		known.set(area.pcode, row);
	}
	const rows = [...created.values()];
	for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
		await tx.insert(adminAreas).values(rows.slice(i, i + INSERT_CHUNK));
	}
	return createdAreas;
}
