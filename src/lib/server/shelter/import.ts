/**
 * Importing the Shelter Cluster 4W spreadsheet (XLSX or CSV), read as a stream a row at a time.
 * `planImport` checks every row and lists every problem by row and column; `commitImport` plans
 * again and writes all rows in one transaction, or nothing when any problem remains. Each row
 * has a stable import key (the partner's Row ID, else the row's content), so importing the same
 * file again adds nothing.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { and, eq, inArray } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { pcodeLevel } from '$lib/domain/places';
import { can, type Actor } from '$lib/domain/policy';
import {
	ACTIVITY_STATUSES,
	ACTIVITY_TYPES,
	MODALITIES,
	activitySchema,
	type Activity
} from '$lib/domain/shelter';
import {
	COLUMN_BY_HEADER,
	IMPORT_COLUMNS,
	headerKey,
	type ImportColumn
} from '$lib/domain/shelter-import';
import { PCODE_PATTERN } from '$lib/domain/validation';
import type { Db } from '$lib/server/db';
import {
	adminAreas,
	nfiCatalogue,
	organisations,
	shelterActivities,
	shelterActivityItems,
	shelterSites
} from '$lib/server/db/schema';
import { recordAudit } from '$lib/server/audit';
import { UserError } from '$lib/server/errors';
import { activityValues } from './activities';

export type SheetFormat = 'xlsx' | 'csv';
export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
	/** The row's number as the spreadsheet shows it (the header is row 1). */
	row: number;
	values: CellValue[];
}

export interface ImportProblem {
	row: number | null;
	column: string | null;
	message: string;
}

export function formatOf(fileName: string): SheetFormat | null {
	const ext = fileName.toLowerCase().split('.').pop();
	return ext === 'xlsx' ? 'xlsx' : ext === 'csv' ? 'csv' : null;
}

/** What exceljs hands over for a cell, as a plain value. */
function plain(v: unknown): CellValue {
	if (v === null || v === undefined) return null;
	if (v instanceof Date || typeof v !== 'object') return v as CellValue;
	const o = v as { result?: unknown; text?: unknown; richText?: { text: string }[] };
	if (o.richText) return o.richText.map((t) => t.text).join('');
	if ('result' in o) return plain(o.result);
	if (typeof o.text === 'string') return o.text;
	return null;
}

/** The first worksheet's rows, read as the file streams in. */
async function* xlsxRows(input: Readable): AsyncGenerator<SheetRow> {
	const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
		sharedStrings: 'cache',
		hyperlinks: 'ignore',
		styles: 'cache',
		worksheets: 'emit'
	});
	for await (const sheet of reader) {
		for await (const row of sheet) {
			const values = (row.values as unknown[]).slice(1).map(plain);
			yield { row: row.number, values };
		}
		return;
	}
}

async function* csvRows(input: Readable): AsyncGenerator<SheetRow> {
	const parser = input.pipe(parse({ bom: true, relax_column_count: true, trim: true }));
	let n = 0;
	for await (const record of parser as AsyncIterable<string[]>) {
		n++;
		yield { row: n, values: record.map((v) => (v === '' ? null : v)) };
	}
}

export function readSheet(input: Readable, format: SheetFormat): AsyncGenerator<SheetRow> {
	return format === 'xlsx' ? xlsxRows(input) : csvRows(input);
}

const text = (v: CellValue): string =>
	v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();

const isEmpty = (values: CellValue[]) => values.every((v) => text(v) === '');

/** `Collective-site management`, `NFI distribution`, `in kind` → the codes. */
const codeOf = (v: string) =>
	v
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_|_$/g, '');
const ACTIVITY_ALIASES: Record<string, string> = {
	collective_site_management: 'site_management',
	nfi: 'nfi_distribution',
	esk: 'emergency_shelter_kit',
	emergency_shelter: 'emergency_shelter_kit',
	cash: 'cash_for_shelter',
	repair: 'shelter_repair',
	assessment: 'shelter_assessment'
};

interface Lookups {
	organisations: Map<string, number>;
	areas: Map<string, { pcode: string; level: number; parentPcode: string | null }>;
	areasByName: Map<string, string>;
	sites: Map<string, number>;
	catalogue: Map<string, number>;
}

function lookups(db: Db, responseId: number): Lookups {
	const orgs = new Map<string, number>();
	for (const o of db.select().from(organisations).all()) {
		orgs.set(o.acronym.toLowerCase(), o.id);
		orgs.set(o.name.toLowerCase(), o.id);
	}
	const areas = new Map<string, { pcode: string; level: number; parentPcode: string | null }>();
	const areasByName = new Map<string, string>();
	for (const a of db
		.select({
			pcode: adminAreas.pcode,
			level: adminAreas.level,
			parentPcode: adminAreas.parentPcode,
			nameEn: adminAreas.nameEn,
			nameKm: adminAreas.nameKm
		})
		.from(adminAreas)
		.all()) {
		areas.set(a.pcode, a);
		for (const name of [a.nameEn, a.nameKm]) {
			areasByName.set(`${a.level}|${a.parentPcode ?? ''}|${name.toLowerCase()}`, a.pcode);
		}
	}
	const sites = new Map<string, number>();
	for (const s of db
		.select()
		.from(shelterSites)
		.where(eq(shelterSites.responseId, responseId))
		.all()) {
		sites.set(s.nameEn.toLowerCase(), s.id);
		sites.set(s.nameKm.toLowerCase(), s.id);
	}
	const catalogue = new Map(
		db
			.select({ id: nfiCatalogue.id, code: nfiCatalogue.code })
			.from(nfiCatalogue)
			.all()
			.map((c) => [c.code.toUpperCase(), c.id])
	);
	return { organisations: orgs, areas, areasByName, sites, catalogue };
}

export interface PlannedRow {
	row: number;
	importKey: string;
	importHash: string;
	values: ReturnType<typeof activityValues>;
	/** Set when the key is already in the database. */
	existingId?: number;
}

export interface ImportPlan {
	rows: number;
	problems: ImportProblem[];
	create: PlannedRow[];
	update: PlannedRow[];
	unchanged: number;
}

const MAX_PROBLEMS = 500;

/** Reads and checks every row; nothing is written. */
export async function planImport(
	db: Db,
	actor: Actor,
	responseId: number,
	sheet: AsyncIterable<SheetRow>
): Promise<ImportPlan> {
	if (!can(actor, 'shelter.activity.import')) throw new UserError(m.error_forbidden(), 'forbidden');
	const problems: ImportProblem[] = [];
	const problem = (row: number | null, column: string | null, message: string) => {
		if (problems.length < MAX_PROBLEMS) problems.push({ row, column, message });
	};
	const look = lookups(db, responseId);
	let columns: (ImportColumn | null)[] | null = null;
	const planned: PlannedRow[] = [];
	const keys = new Map<string, number>();
	let pendingEmpty: number[] = [];
	let rows = 0;

	let lastRow = 0;
	for await (const { row, values } of sheet) {
		// The XLSX stream leaves out rows without cells: a gap in the numbers is empty rows.
		for (let gap = lastRow + 1; columns && gap < row; gap++) pendingEmpty.push(gap);
		lastRow = row;
		if (!columns) {
			columns = readHeader(values, problem);
			if (!columns) break;
			continue;
		}
		if (isEmpty(values)) {
			pendingEmpty.push(row);
			continue;
		}
		for (const empty of pendingEmpty) problem(empty, null, m.shel_import_empty_row());
		pendingEmpty = [];
		rows++;
		const cells: Record<string, CellValue> = {};
		columns.forEach((c, i) => {
			if (c) cells[c.key] = values[i] ?? null;
		});
		const header = (key: string) => IMPORT_COLUMNS.find((c) => c.key === key)?.header ?? key;
		const rowProblem = (key: string, message: string) => problem(row, header(key), message);
		const planned1 = planRow(db, actor, responseId, look, cells, rowProblem);
		if (!planned1) continue;
		const first = keys.get(planned1.importKey);
		if (first !== undefined) {
			problem(row, null, m.shel_import_repeated({ row: first }));
			continue;
		}
		keys.set(planned1.importKey, row);
		planned.push({ row, ...planned1 });
	}
	if (!columns) {
		if (!problems.length) problem(1, null, m.shel_import_no_header());
	}
	// Existing rows by key, in chunks the database takes in one statement.
	const existing = new Map<
		string,
		{ id: number; importHash: string | null; organisationId: number; reviewState: string }
	>();
	const allKeys = [...keys.keys()];
	for (let i = 0; i < allKeys.length; i += 500) {
		for (const e of db
			.select({
				id: shelterActivities.id,
				importKey: shelterActivities.importKey,
				importHash: shelterActivities.importHash,
				organisationId: shelterActivities.organisationId,
				reviewState: shelterActivities.reviewState,
				responseId: shelterActivities.responseId
			})
			.from(shelterActivities)
			.where(inArray(shelterActivities.importKey, allKeys.slice(i, i + 500)))
			.all()) {
			existing.set(e.importKey as string, e);
		}
	}
	const plan: ImportPlan = { rows, problems, create: [], update: [], unchanged: 0 };
	for (const p of planned) {
		const e = existing.get(p.importKey);
		if (!e) plan.create.push(p);
		else if (e.importHash === p.importHash) plan.unchanged++;
		else if (
			!can(actor, 'shelter.activity.edit', {
				organisationId: e.organisationId,
				status: e.reviewState
			})
		) {
			problem(p.row, null, m.shel_import_locked());
		} else plan.update.push({ ...p, existingId: e.id });
	}
	return plan;
}

function readHeader(
	values: CellValue[],
	problem: (row: number | null, column: string | null, message: string) => void
): (ImportColumn | null)[] | null {
	const headers = values.map(text);
	const last = headers.reduce((at, h, i) => (h ? i : at), -1);
	const columns: (ImportColumn | null)[] = [];
	const seen = new Set<string>();
	let ok = true;
	for (let i = 0; i <= last; i++) {
		const letter = columnLetter(i);
		if (!headers[i]) {
			problem(1, letter, m.shel_import_merged_header({ column: letter }));
			ok = false;
			columns.push(null);
			continue;
		}
		const column = COLUMN_BY_HEADER.get(headerKey(headers[i]));
		if (!column) {
			problem(1, letter, m.shel_import_unknown_column({ header: headers[i] }));
			ok = false;
		} else if (seen.has(column.key)) {
			problem(1, letter, m.shel_import_repeated_column({ header: headers[i] }));
			ok = false;
		} else seen.add(column.key);
		columns.push(column ?? null);
	}
	for (const c of IMPORT_COLUMNS) {
		if (c.required && !seen.has(c.key)) {
			problem(1, c.header, m.shel_import_missing_column({ header: c.header }));
			ok = false;
		}
	}
	return ok ? columns : null;
}

export function columnLetter(i: number): string {
	let s = '';
	for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26))
		s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
	return s;
}

function resolveArea(
	look: Lookups,
	cells: Record<string, CellValue>,
	rowProblem: (key: string, message: string) => void
): string | null | undefined {
	let parent: string | null = null;
	let found: string | null = null;
	for (const [key, level] of [
		['province', 1],
		['district', 2],
		['commune', 3]
	] as const) {
		const given = text(cells[key] ?? null);
		if (!given) continue;
		const upper = given.toUpperCase();
		let pcode: string | undefined;
		if (PCODE_PATTERN.test(upper)) {
			if (!look.areas.has(upper) || pcodeLevel(upper) !== level) {
				rowProblem(key, m.shel_import_unknown_pcode({ value: given }));
				return undefined;
			}
			pcode = upper;
		} else {
			pcode = look.areasByName.get(
				`${level}|${parent ?? (level === 1 ? '' : '')}|${given.toLowerCase()}`
			);
			if (!pcode) {
				rowProblem(key, m.shel_import_unknown_area({ value: given }));
				return undefined;
			}
		}
		if (parent && !pcode.startsWith(parent)) {
			rowProblem(key, m.shel_import_not_within({ value: given, parent }));
			return undefined;
		}
		parent = pcode;
		found = pcode;
	}
	return found;
}

function parseItems(
	look: Lookups,
	value: string,
	rowProblem: (key: string, message: string) => void
): { catalogueId: number; quantity: number | string }[] | null {
	if (!value) return [];
	const lines = [];
	for (const part of value
		.split(/[;\n]+/)
		.map((p) => p.trim())
		.filter(Boolean)) {
		const match = /^([A-Za-z0-9_-]+)\s*[:×x*]\s*(.+)$/.exec(part);
		if (!match) {
			rowProblem('items', m.shel_import_bad_item({ value: part }));
			return null;
		}
		const id = look.catalogue.get(match[1].toUpperCase());
		if (!id) {
			rowProblem('items', m.shel_import_unknown_item({ value: match[1] }));
			return null;
		}
		lines.push({ catalogueId: id, quantity: match[2].trim() });
	}
	return lines;
}

function planRow(
	db: Db,
	actor: Actor,
	responseId: number,
	look: Lookups,
	cells: Record<string, CellValue>,
	rowProblem: (key: string, message: string) => void
): Omit<PlannedRow, 'row'> | null {
	let bad = false;
	const fail = (key: string, message: string) => {
		bad = true;
		rowProblem(key, message);
	};
	const org = (key: string, required: boolean) => {
		const v = text(cells[key] ?? null);
		if (!v) {
			if (required) fail(key, m.error_required());
			return null;
		}
		const id = look.organisations.get(v.toLowerCase());
		if (!id) fail(key, m.shel_import_unknown_org({ value: v }));
		return id ?? null;
	};
	const organisationId = org('organisation', true);
	const implementingPartnerId = org('partner', false);
	if (organisationId && !can(actor, 'shelter.activity.create', { organisationId })) {
		fail('organisation', m.shel_error_other_org());
	}
	const code = (key: string, allowed: readonly string[], aliases: Record<string, string> = {}) => {
		const v = text(cells[key] ?? null);
		const c = codeOf(v);
		const resolved = allowed.includes(c) ? c : aliases[c];
		if (!resolved)
			fail(
				key,
				v
					? m.shel_import_unknown_choice({ value: v, allowed: allowed.join(', ') })
					: m.error_required()
			);
		return resolved;
	};
	const activityType = code('activity', ACTIVITY_TYPES, ACTIVITY_ALIASES);
	const modality = code('modality', MODALITIES);
	const status = code('status', ACTIVITY_STATUSES);
	const pcode = resolveArea(look, cells, fail);
	const siteName = text(cells.site ?? null);
	const siteId = siteName ? look.sites.get(siteName.toLowerCase()) : null;
	if (siteName && !siteId) fail('site', m.shel_import_unknown_site({ value: siteName }));
	const items = parseItems(look, text(cells.items ?? null), fail);
	if (bad || pcode === undefined || !items) return null;

	const raw: Record<string, unknown> = {
		activityType,
		modality,
		organisationId,
		implementingPartnerId,
		donor: text(cells.donor ?? null),
		pcode,
		siteId: siteId ?? null,
		startDate: text(cells.startDate ?? null),
		endDate: text(cells.endDate ?? null),
		status,
		note: text(cells.note ?? null),
		items
	};
	for (const c of IMPORT_COLUMNS) {
		if (c.key.startsWith('targeted') || c.key.startsWith('reached')) {
			const v = cells[c.key] ?? null;
			raw[c.key] = v === null || text(v) === '' ? 0 : v instanceof Date ? text(v) : v;
		}
	}
	const parsed = activitySchema.safeParse(raw);
	if (!parsed.success) {
		const reported = new Set<string>();
		for (const issue of parsed.error.issues) {
			const key = issue.path[0] === 'items' ? 'items' : String(issue.path[0] ?? 'note');
			const column = key === 'pcode' || key === 'siteId' ? 'commune' : key;
			if (reported.has(column)) continue;
			reported.add(column);
			rowProblem(column, issue.message);
		}
		return null;
	}
	const activity: Activity = parsed.data;
	let values: ReturnType<typeof activityValues>;
	try {
		values = activityValues(db, actor, responseId, activity);
	} catch (e) {
		if (!(e instanceof UserError)) throw e;
		for (const [field, message] of Object.entries(e.fields ?? { note: e.message }))
			rowProblem(field, message);
		return null;
	}
	const importHash = createHash('sha256').update(JSON.stringify(values)).digest('hex');
	const rowId = text(cells.rowId ?? null);
	const importKey = rowId
		? `row:${responseId}:${values.row.organisationId}:${rowId}`
		: `hash:${responseId}:${importHash}`;
	return { importKey, importHash, values };
}

export interface ImportResult {
	created: number;
	updated: number;
	unchanged: number;
}

const INSERT_BATCH = 200;

/**
 * Plans the import and, when no problem is found, writes every row in one transaction: new rows
 * as drafts (they go through review like any other), changed rows replaced with their item lines.
 * Any problem (or error) writes nothing.
 */
export async function commitImport(
	db: Db,
	actor: Actor,
	responseId: number,
	sheet: AsyncIterable<SheetRow>,
	fileName: string
): Promise<{ plan: ImportPlan; result: ImportResult | null }> {
	const plan = await planImport(db, actor, responseId, sheet);
	if (plan.problems.length) return { plan, result: null };
	if (plan.rows === 0) {
		plan.problems.push({ row: null, column: null, message: m.shel_import_no_rows() });
		return { plan, result: null };
	}
	db.transaction((tx) => {
		for (let i = 0; i < plan.create.length; i += INSERT_BATCH) {
			const batch = plan.create.slice(i, i + INSERT_BATCH);
			const ids = tx
				.insert(shelterActivities)
				.values(
					batch.map((p) => ({
						...p.values.row,
						importKey: p.importKey,
						importHash: p.importHash,
						createdBy: actor.id
					}))
				)
				.returning({ id: shelterActivities.id })
				.all();
			const lines = batch.flatMap((p, j) =>
				p.values.items.map((l) => ({ activityId: ids[j].id, ...l }))
			);
			for (let k = 0; k < lines.length; k += INSERT_BATCH * 2) {
				tx.insert(shelterActivityItems)
					.values(lines.slice(k, k + INSERT_BATCH * 2))
					.run();
			}
		}
		for (const p of plan.update) {
			const id = p.existingId as number;
			tx.update(shelterActivities)
				.set({ ...p.values.row, importHash: p.importHash })
				.where(and(eq(shelterActivities.id, id)))
				.run();
			tx.delete(shelterActivityItems).where(eq(shelterActivityItems.activityId, id)).run();
			if (p.values.items.length) {
				tx.insert(shelterActivityItems)
					.values(p.values.items.map((l) => ({ activityId: id, ...l })))
					.run();
			}
			recordAudit(tx, {
				userId: actor.id,
				action: 'update',
				entity: 'shelter_activities',
				entityId: id,
				responseId,
				after: { ...p.values.row, items: p.values.items },
				detail: { import: fileName, row: p.row }
			});
		}
		recordAudit(tx, {
			userId: actor.id,
			action: 'create',
			entity: 'shelter_activities',
			responseId,
			detail: {
				import: fileName,
				created: plan.create.length,
				updated: plan.update.length,
				unchanged: plan.unchanged
			}
		});
	});
	return {
		plan,
		result: { created: plan.create.length, updated: plan.update.length, unchanged: plan.unchanged }
	};
}

/** A spreadsheet from bytes, for the page's upload. */
export function sheetFromBytes(bytes: Uint8Array, format: SheetFormat): AsyncGenerator<SheetRow> {
	return readSheet(Readable.from([Buffer.from(bytes)]), format);
}
