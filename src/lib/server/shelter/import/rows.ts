/**
 * One spreadsheet row to the values of a 4W activity: names and P-codes to ids, then the
 * domain's schema and `activityValues`, the same checks the form and the API run.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
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
import { ACTIVITY_ALIASES, IMPORT_FIELDS, codeOf } from '$lib/domain/shelter-import';
import { PCODE_PATTERN } from '$lib/domain/validation';
import type { Db } from '$lib/server/db';
import { allAreas } from '$lib/server/places';
import { nfiCatalogue, organisations, responses, shelterSites } from '$lib/server/db/schema';
import { first } from '$lib/server/db/transaction';
import { UserError, fieldError } from '$lib/server/errors';
import type { CellValue } from '$lib/server/spreadsheets';
import { activityValues, type ActivityRefs, type ActivityValues } from '../activities';

export type Cells = Record<string, CellValue>;
export type RowProblem = (key: string | null, message: string) => void;

/** `dd/mm/yyyy` as Cambodian and British spreadsheets write it, else the text as it is. */
function dayOf(v: string): string {
	const dmy = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(v);
	return dmy ? `${dmy[3]}-${dmy[2].padStart(2, '0')}-${dmy[1].padStart(2, '0')}` : v;
}

export const text = (v: CellValue | undefined): string =>
	v === null || v === undefined
		? ''
		: v instanceof Date
			? v.toISOString().slice(0, 10)
			: String(v).trim();

export const isEmpty = (values: CellValue[]) => values.every((v) => text(v) === '');

export interface Lookups {
	organisations: Map<string, number>;
	areas: Map<string, { pcode: string; level: number; parentPcode: string | null }>;
	areasByName: Map<string, string>;
	sites: Map<string, number>;
	catalogue: Map<string, number>;
	/** What `activityValues` would ask the database for each row, answered from the above. */
	refs: ActivityRefs;
}

/** The names a sheet may use, read once per import (a few thousand areas at most). */
export async function lookups(db: Db, responseId: number): Promise<Lookups> {
	const orgs = new Map<string, number>();
	const orgIds = new Set<number>();
	for (const o of await db.select().from(organisations)) {
		orgs.set(o.acronym.toLowerCase(), o.id);
		orgs.set(o.name.toLowerCase(), o.id);
		orgIds.add(o.id);
	}
	const areas: Lookups['areas'] = new Map();
	const areasByName = new Map<string, string>();
	for (const a of await allAreas(db)) {
		areas.set(a.pcode, a);
		for (const name of [a.nameEn, a.nameKm]) {
			areasByName.set(`${a.level}|${a.parentPcode ?? ''}|${name.toLowerCase()}`, a.pcode);
		}
	}
	const sites = new Map<string, number>();
	const sitePcodes = new Map<number, string | null>();
	for (const s of await db
		.select()
		.from(shelterSites)
		.where(eq(shelterSites.responseId, responseId))) {
		sites.set(s.nameEn.toLowerCase(), s.id);
		sites.set(s.nameKm.toLowerCase(), s.id);
		sitePcodes.set(s.id, s.pcode);
	}
	const catalogue = new Map(
		(await db.select({ id: nfiCatalogue.id, code: nfiCatalogue.code }).from(nfiCatalogue)).map(
			(c) => [c.code.toUpperCase(), c.id]
		)
	);
	const catalogueIds = new Set(catalogue.values());
	const response = await first(
		db
			.select({ startDate: responses.startDate })
			.from(responses)
			.where(eq(responses.id, responseId))
	);
	const refs: ActivityRefs = {
		responseStart: (id) => Promise.resolve(id === responseId ? response?.startDate : undefined),
		organisations: (ids) => Promise.resolve(ids.filter((id) => orgIds.has(id))),
		sitePcode: (id, siteId) =>
			Promise.resolve(
				id === responseId && sitePcodes.has(siteId)
					? { pcode: sitePcodes.get(siteId) ?? null }
					: undefined
			),
		// The same refusal as `assertPcodes`.
		assertPcode: (pcode) =>
			pcode && !areas.has(pcode)
				? Promise.reject(fieldError('pcode', m.error_pcode_unknown()))
				: Promise.resolve(),
		catalogue: (ids) => Promise.resolve(ids.filter((id) => catalogueIds.has(id)))
	};
	return { organisations: orgs, areas, areasByName, sites, catalogue, refs };
}

/** Province, district, commune and P-code columns to the finest area, each within the last. */
function resolveArea(look: Lookups, cells: Cells, fail: RowProblem): string | null | undefined {
	let parent: string | null = null;
	for (const [key, level] of [
		['province', 1],
		['district', 2],
		['commune', 3],
		['pcode', 0]
	] as const) {
		const given = text(cells[key]);
		if (!given) continue;
		const upper = given.toUpperCase();
		let pcode: string | undefined;
		if (PCODE_PATTERN.test(upper)) {
			const known = look.areas.get(upper);
			if (!known || (level && pcodeLevel(upper) !== level)) {
				fail(key, m.shel_import_unknown_pcode({ value: given }));
				return undefined;
			}
			pcode = upper;
		} else if (level) {
			pcode = look.areasByName.get(`${level}|${parent ?? ''}|${given.toLowerCase()}`);
		}
		if (!pcode) {
			fail(key, m.shel_import_unknown_area({ value: given }));
			return undefined;
		}
		if (parent && !pcode.startsWith(parent)) {
			fail(key, m.shel_import_not_within({ value: given, parent }));
			return undefined;
		}
		parent = pcode;
	}
	return parent;
}

/** `TARP:20; FAMILY×10` to catalogue lines. */
function parseItems(look: Lookups, value: string, fail: RowProblem) {
	const lines: { catalogueId: number; quantity: string }[] = [];
	for (const part of value
		.split(/[;\n]+/)
		.map((p) => p.trim())
		.filter(Boolean)) {
		const match = /^([A-Za-z0-9_-]+)\s*[:×x*=]\s*(.+)$/.exec(part);
		if (!match) {
			fail('items', m.shel_import_bad_item({ value: part }));
			return null;
		}
		const id = look.catalogue.get(match[1].toUpperCase());
		if (!id) {
			fail('items', m.shel_import_unknown_item({ value: match[1] }));
			return null;
		}
		lines.push({ catalogueId: id, quantity: match[2].trim() });
	}
	return lines;
}

export interface RowPlan {
	values: ActivityValues;
	importHash: string;
	/** The partner's own id, keyed per response and organisation. */
	importKey: string | null;
	rowId: string | null;
	activityId: number | null;
}

const NUMBER_KEYS = IMPORT_FIELDS.filter(
	(f) => f.key.startsWith('targeted') || f.key.startsWith('reached')
).map((f) => f.key);

/** The row's values, or null after reporting each problem through `fail`. No query: `look` has all. */
export async function planRow(
	actor: Actor,
	responseId: number,
	look: Lookups,
	cells: Cells,
	fail: RowProblem
): Promise<RowPlan | null> {
	let bad = false;
	const problem: RowProblem = (key, message) => {
		bad = true;
		fail(key, message);
	};
	const activityIdText = text(cells.activityId);
	const activityId = activityIdText ? Number(activityIdText) : null;
	if (activityId !== null && !(Number.isInteger(activityId) && activityId > 0)) {
		problem('activityId', m.shel_import_unknown_activity_id({ id: activityIdText }));
	}
	const responseIdText = text(cells.responseId);
	if (responseIdText && Number(responseIdText) !== responseId) {
		problem('responseId', m.shel_import_other_response({ id: responseIdText }));
	}
	const org = (key: string, required: boolean) => {
		const v = text(cells[key]);
		if (!v) {
			if (required) problem(key, m.error_required());
			return null;
		}
		const id = look.organisations.get(v.toLowerCase());
		if (!id) problem(key, m.shel_import_unknown_org({ value: v }));
		return id ?? null;
	};
	const organisationId = org('organisation', true);
	const implementingPartnerId = org('partner', false);
	if (organisationId && !can(actor, 'shelter.activity.create', { organisationId })) {
		problem('organisation', m.shel_error_other_org());
	}
	const code = (key: string, allowed: readonly string[], aliases: Record<string, string> = {}) => {
		const v = text(cells[key]);
		const c = codeOf(v);
		const resolved = allowed.includes(c) ? c : aliases[c];
		if (!resolved) {
			problem(
				key,
				v
					? m.shel_import_unknown_choice({ value: v, allowed: allowed.join(', ') })
					: m.error_required()
			);
		}
		return resolved;
	};
	const activityType = code('activity', ACTIVITY_TYPES, ACTIVITY_ALIASES);
	const modality = code('modality', MODALITIES);
	const status = code('status', ACTIVITY_STATUSES);
	const pcode = resolveArea(look, cells, problem);
	const siteName = text(cells.site);
	const siteId = siteName ? look.sites.get(siteName.toLowerCase()) : null;
	if (siteName && !siteId) problem('site', m.shel_import_unknown_site({ value: siteName }));
	const items = parseItems(look, text(cells.items), problem);
	if (bad || pcode === undefined || !items) return null;

	const raw: Record<string, unknown> = {
		activityType,
		modality,
		organisationId,
		implementingPartnerId,
		donor: text(cells.donor),
		pcode,
		siteId: siteId ?? null,
		startDate: dayOf(text(cells.startDate)),
		endDate: dayOf(text(cells.endDate)),
		status,
		note: text(cells.note),
		items
	};
	for (const key of NUMBER_KEYS) {
		const v = cells[key] ?? null;
		raw[key] = v === null || text(v) === '' ? 0 : v instanceof Date ? text(v) : v;
	}
	const parsed = activitySchema.safeParse(raw);
	if (!parsed.success) {
		const reported = new Set<string>();
		for (const issue of parsed.error.issues) {
			const key = issue.path[0] === 'items' ? 'items' : String(issue.path[0] ?? 'note');
			const column = key === 'pcode' || key === 'siteId' ? 'commune' : key;
			if (reported.has(column)) continue;
			reported.add(column);
			fail(column, issue.message);
		}
		return null;
	}
	const activity: Activity = parsed.data;
	let values: ActivityValues;
	try {
		values = await activityValues(look.refs, actor, responseId, activity);
	} catch (e) {
		if (!(e instanceof UserError)) throw e;
		for (const [field, message] of Object.entries(e.fields ?? { note: e.message })) {
			fail(field === 'organisationId' ? 'organisation' : field, message);
		}
		return null;
	}
	const importHash = createHash('sha256').update(JSON.stringify(values)).digest('hex');
	const rowId = text(cells.rowId) || null;
	return {
		values,
		importHash,
		importKey: rowId ? `row:${responseId}:${values.row.organisationId}:${rowId}` : null,
		rowId,
		activityId
	};
}
