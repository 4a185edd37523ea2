/**
 * How each measure of the sitreps' figures is read in the other views: the page's service, the
 * sum of the export's rows and the API. The consistency suite requires an entry here for every
 * measure a `FigureProvider` declares, and equal values in all four.
 */
import { PEOPLE_FIELDS, type PeopleField } from '$lib/domain/people';
import { peopleHeader } from '$lib/domain/hxl';
import { explodeLines, standardNeed } from '$lib/domain/shelter';
import type { KeyFigure } from '$lib/domain/figures';
import { totalsByArea } from '$lib/server/assessments';
import { arrivalsDashboard, reconciliation, reconciliationByProvince } from '$lib/server/returns';
import { NOT_RECORDED } from '$lib/server/returns/figures';
import {
	gapsByArea,
	kitParts,
	listCatalogue,
	listSites,
	matrixTotals,
	siteTotals
} from '$lib/server/shelter';
import { GET as arrivalsApi } from '../../../../routes/api/v1/responses/[responseId]/arrivals/+server';
import { GET as reconApi } from '../../../../routes/api/v1/responses/[responseId]/reconciliation/+server';
import { GET as sitesApi } from '../../../../routes/api/v1/shelter/sites/+server';
import { GET as gapsApi } from '../../../../routes/api/v1/shelter/gaps/+server';
import { GET as activitiesApi } from '../../../../routes/api/v1/shelter/activities/+server';
import { GET as assessmentTotalsApi } from '../../../../routes/api/v1/assessments/totals/+server';
import { sum, type Row, type Views } from './views';

type Value = number | Promise<number>;
export type View = (f: KeyFigure, v: Views) => Value;
export interface Check {
	page: View;
	export: View;
	api: View;
}

const rowKey = (f: KeyFigure) => f.cell?.row.key ?? '';
/** A destination row's key: its province, or the people whose destination was not recorded. */
const destinationKey = (pcode: string | null) => pcode ?? NOT_RECORDED;
const columnKey = (f: KeyFigure) => f.cell?.column.key ?? '';

// Returns ----------------------------------------------------------------------------------

const dash = async (v: Views) => arrivalsDashboard(v.db, v.responseId, { to: v.day });
const recon = async (v: Views) => reconciliation(v.db, v.responseId, { to: v.day });
type Dash = { data: Awaited<ReturnType<typeof arrivalsDashboard>> };
type Recon = { data: Awaited<ReturnType<typeof reconciliation>> };
const dashApi = async (v: Views) =>
	(
		await v.api<Dash>(arrivalsApi, `/api/v1/responses/${v.responseId}/arrivals?to=${v.day}`, {
			responseId: String(v.responseId)
		})
	).data;
const reconApiRows = async (v: Views) =>
	(
		await v.api<Recon>(reconApi, `/api/v1/responses/${v.responseId}/reconciliation?to=${v.day}`, {
			responseId: String(v.responseId)
		})
	).data;
const arrivals = (v: Views) => v.rows('arrivals', { responseId: String(v.responseId), to: v.day });
const manifests = (v: Views) =>
	v.rows('manifests', { responseId: String(v.responseId), to: v.day });
const onTheRoad = (r: Row) => r.Status === 'departed' || r.Status === 'arrived';

type TotalField =
	| 'persons'
	| 'unaccompaniedChildren'
	| 'pregnantLactating'
	| 'healthReferrals'
	| 'traffickingReferrals'
	| PeopleField;

/** A total of the dashboard's, the column of the arrivals export that sums to it. */
const arrivalTotal = (field: TotalField, column: string): Check => ({
	page: async (_, v) => (await dash(v)).totals[field],
	export: async (_, v) => sum(await arrivals(v), column),
	api: async (_, v) => (await dashApi(v)).totals[field]
});

const reconTotal = (
	k: 'dispatched' | 'arrived',
	column: string,
	keep: (r: Row) => boolean
): Check => ({
	page: async (_, v) => (await recon(v)).reduce((s, r) => s + r[k], 0),
	export: async (_, v) => sum(await manifests(v), column, keep),
	api: async (_, v) => (await reconApiRows(v)).reduce((s, r) => s + r[k], 0)
});

const byDestination = (
	k: 'dispatched' | 'arrived',
	column: string,
	keep: (r: Row) => boolean
): Check => ({
	page: async (f, v) =>
		reconciliationByProvince(await recon(v)).find((r) => destinationKey(r.pcode) === rowKey(f))?.[
			k
		] ?? 0,
	export: async (f, v) =>
		sum(
			await manifests(v),
			column,
			(r) => keep(r) && r['Destination province P-code'] === rowKey(f)
		),
	api: async (f, v) =>
		(await reconApiRows(v))
			.filter((r) => destinationKey(r.pcode) === rowKey(f))
			.reduce((s, r) => s + r[k], 0)
});

const RETURNS: Record<string, Check> = {
	'returns.crossed': arrivalTotal('persons', 'Arrived persons'),
	'returns.vulnerable.disabled': arrivalTotal('disabled', 'Arrived persons with disabilities'),
	'returns.vulnerable.unaccompanied': arrivalTotal(
		'unaccompaniedChildren',
		'Arrived unaccompanied children'
	),
	'returns.vulnerable.pregnant': arrivalTotal(
		'pregnantLactating',
		'Arrived pregnant or lactating women'
	),
	'returns.referrals.health': arrivalTotal('healthReferrals', 'Referred for health care'),
	'returns.referrals.trafficking': arrivalTotal(
		'traffickingReferrals',
		'Referred for suspected trafficking'
	),
	'returns.dispatched': reconTotal('dispatched', 'Dispatched persons', onTheRoad),
	'returns.arrived': reconTotal('arrived', 'Received persons', (r) => r.Status === 'arrived'),
	'returns.by-point:crossed': {
		page: async (f, v) =>
			(await dash(v)).points.find((p) => String(p.id) === rowKey(f))?.persons ?? 0,
		export: async (f, v) =>
			sum(await arrivals(v), 'Arrived persons', (r) => r['Crossing point'] === f.cell?.row.en),
		api: async (f, v) =>
			(await dashApi(v)).points.find((p) => String(p.id) === rowKey(f))?.persons ?? 0
	},
	'returns.by-point-day:crossed': {
		page: async (f, v) =>
			(await dash(v)).daily.find(
				(d) => d.date === rowKey(f) && String(d.locationId) === columnKey(f)
			)?.persons ?? 0,
		export: async (f, v) =>
			sum(
				await arrivals(v),
				'Arrived persons',
				(r) => r['Arrived on'] === rowKey(f) && r['Crossing point'] === f.cell?.column.en
			),
		api: async (f, v) =>
			(await dashApi(v)).daily.find(
				(d) => d.date === rowKey(f) && String(d.locationId) === columnKey(f)
			)?.persons ?? 0
	},
	'returns.by-destination:crossed': {
		page: async (f, v) =>
			reconciliationByProvince(await recon(v)).find((r) => destinationKey(r.pcode) === rowKey(f))
				?.crossed ?? 0,
		// One column per destination province, and one for the people with none recorded.
		export: async (f, v) => {
			const rows = await arrivals(v);
			const key = rowKey(f);
			const column =
				key === NOT_RECORDED
					? 'Destination not recorded'
					: Object.keys(rows[0] ?? {}).find(
							(h) => h.startsWith('Destination ') && h.endsWith(`(${key})`)
						);
			return column ? sum(rows, column) : 0;
		},
		api: async (f, v) =>
			(await reconApiRows(v))
				.filter((r) => destinationKey(r.pcode) === rowKey(f))
				.reduce((s, r) => s + r.crossed, 0)
	},
	'returns.by-destination:dispatched': byDestination('dispatched', 'Dispatched persons', onTheRoad),
	'returns.by-destination:arrived': byDestination(
		'arrived',
		'Received persons',
		(r) => r.Status === 'arrived'
	),
	'returns.sadd': {
		page: async (f, v) => (await dash(v)).totals[sadd(f)],
		export: async (f, v) => sum(await arrivals(v), peopleHeader('Arrived', sadd(f))),
		api: async (f, v) => (await dashApi(v)).totals[sadd(f)]
	}
};

function sadd(f: KeyFigure): PeopleField {
	const field = `${columnKey(f)}_${rowKey(f)}`;
	if (!(PEOPLE_FIELDS as readonly string[]).includes(field)) throw new Error(`not SADD: ${field}`);
	return field as PeopleField;
}

// Shelter ----------------------------------------------------------------------------------

const sites = async (v: Views) =>
	siteTotals(await listSites(v.db, { responseId: v.responseId, asOf: v.day }));
const siteRows = (v: Views) =>
	v.rows('sites', { responseId: String(v.responseId), asOf: v.day, status: 'open' });
interface SitesAnswer {
	data: { open: boolean; persons: number; households: number; capacity: number }[];
}
const openSitesApi = async (v: Views) =>
	(
		await v.api<SitesAnswer>(
			sitesApi,
			`/api/v1/shelter/sites?responseId=${v.responseId}&asOf=${v.day}&limit=1000`
		)
	).data.filter((s) => s.open);
const siteFigure = (k: 'persons' | 'households' | 'capacity', column: string): Check => ({
	page: async (_, v) => (await sites(v))[k],
	export: async (_, v) => sum(await siteRows(v), column),
	api: async (_, v) => (await openSitesApi(v)).reduce((s, r) => s + r[k], 0)
});

const validated = (v: Views) => ({
	responseId: v.responseId,
	reviewState: 'validated' as const,
	to: v.day
});
const activityRows = (v: Views) =>
	v.rows('activities', { responseId: String(v.responseId), reviewState: 'validated', to: v.day });
interface ActivitiesAnswer {
	data: { reachedHouseholds: number; reachedPersons: number }[];
	next: string | null;
}
/** Every page of the 4W API's rows. */
async function activitiesApiRows(v: Views) {
	const all: ActivitiesAnswer['data'] = [];
	const query = `responseId=${v.responseId}&reviewState=validated&to=${v.day}&limit=1000`;
	for (let cursor: string | null = ''; cursor !== null;) {
		const page: ActivitiesAnswer = await v.api<ActivitiesAnswer>(
			activitiesApi,
			`/api/v1/shelter/activities?${query}${cursor && `&cursor=${cursor}`}`
		);
		all.push(...page.data);
		cursor = page.next;
	}
	return all;
}
const reached = (k: 'reachedHouseholds' | 'reachedPersons', column: string): Check => ({
	page: async (_, v) => (await matrixTotals(v.db, v.reader, validated(v)))[k],
	export: async (_, v) => sum(await activityRows(v), column),
	api: async (_, v) => (await activitiesApiRows(v)).reduce((s, r) => s + r[k], 0)
});

const gaps = async (v: Views) =>
	(await gapsByArea(v.db, v.reader, { ...validated(v), asOf: v.day }, 'province')).rows;
type GapsAnswer = Awaited<ReturnType<typeof gapsByArea>>;
const gapsApiRows = async (v: Views) =>
	(
		await v.api<GapsAnswer>(
			gapsApi,
			`/api/v1/shelter/gaps?responseId=${v.responseId}&level=province&asOf=${v.day}&reviewState=validated`
		)
	).rows;
const gapTotal =
	(k: 'distributed' | 'needed', view: (v: Views) => Promise<GapsAnswer['rows']>): View =>
	async (f, v) =>
		(await view(v)).reduce((s, r) => s + (r.items[rowKey(f)]?.[k] ?? 0), 0);

/** The items of the 4W export's rows (`CODE×n; …`), kits counted as their parts, by code. */
async function distributedFromRows(v: Views, rows: Row[]): Promise<Map<string, number>> {
	const catalogue = await listCatalogue(v.db);
	const byCode = new Map(catalogue.map((c) => [c.code, c.id]));
	const lines = rows.flatMap((r) =>
		r['Items (code × quantity)']
			.split('; ')
			.filter(Boolean)
			.map((line) => {
				const [code, quantity] = line.split('×');
				const catalogueId = byCode.get(code);
				if (catalogueId === undefined) throw new Error(`unknown item ${code} in the export`);
				return { catalogueId, quantity: Number(quantity) };
			})
	);
	const items = explodeLines(lines, await kitParts(v.db));
	return new Map(catalogue.map((c) => [c.code, items.get(c.id) ?? 0]));
}

/**
 * What the standard needs of an item, from the exports alone: per province, the larger of the
 * people in open sites (sites export) and the affected (assessments export, duplicates out).
 */
async function neededFromRows(f: KeyFigure, v: Views) {
	const item = (await listCatalogue(v.db)).find((c) => c.code === rowKey(f));
	if (!item) throw new Error(`no item ${rowKey(f)}`);
	const need = new Map<string, { persons: number; households: number }>();
	const add = (pcode: string, persons: number, households: number, larger: boolean) => {
		const n = need.get(pcode) ?? { persons: 0, households: 0 };
		need.set(
			pcode,
			larger
				? { persons: Math.max(n.persons, persons), households: Math.max(n.households, households) }
				: { persons: n.persons + persons, households: n.households + households }
		);
	};
	const bySites = new Map<string, { persons: number; households: number }>();
	for (const r of await siteRows(v)) {
		if (!r['Province P-code']) continue;
		const s = bySites.get(r['Province P-code']) ?? { persons: 0, households: 0 };
		s.persons += Number(r['Sheltered persons']);
		s.households += Number(r['Sheltered households']);
		bySites.set(r['Province P-code'], s);
	}
	for (const [pcode, s] of bySites) add(pcode, s.persons, s.households, false);
	const assessed = new Map<string, { persons: number; households: number }>();
	for (const r of await assessmentRows(v)) {
		if (!r['Province P-code']) continue;
		const a = assessed.get(r['Province P-code']) ?? { persons: 0, households: 0 };
		a.persons += Number(r['Affected persons']);
		a.households += Number(r['Affected households']);
		assessed.set(r['Province P-code'], a);
	}
	for (const [pcode, a] of assessed) add(pcode, a.persons, a.households, true);
	return [...need.values()].reduce((s, n) => s + standardNeed(item, n.households, n.persons), 0);
}

const SHELTER: Record<string, Check> = {
	'shelter.sites': {
		page: async (_, v) => (await sites(v)).sites,
		export: async (_, v) => (await siteRows(v)).length,
		api: async (_, v) => (await openSitesApi(v)).length
	},
	'shelter.persons': siteFigure('persons', 'Sheltered persons'),
	'shelter.households': siteFigure('households', 'Sheltered households'),
	'shelter.capacity': siteFigure('capacity', 'Capacity (persons)'),
	'shelter.reached.households': reached('reachedHouseholds', 'Reached households'),
	'shelter.reached.persons': reached('reachedPersons', 'Reached persons'),
	'shelter.nfi:distributed': {
		page: gapTotal('distributed', gaps),
		export: async (f, v) =>
			(await distributedFromRows(v, await activityRows(v))).get(rowKey(f)) ?? 0,
		api: gapTotal('distributed', gapsApiRows)
	},
	'shelter.nfi:needed': {
		page: gapTotal('needed', gaps),
		export: neededFromRows,
		api: gapTotal('needed', gapsApiRows)
	}
};

// Assessments ------------------------------------------------------------------------------

type AreaTotals = Awaited<ReturnType<typeof totalsByArea>>[number];
type Measure = 'affectedPersons' | 'displacedPersons' | 'housesDamaged';
const assessmentRows = async (v: Views) =>
	(await v.rows('assessments', { responseId: String(v.responseId), to: v.day })).filter(
		(r) => r['Duplicate review'] !== 'duplicate'
	);
const provinces = async (v: Views) =>
	totalsByArea(v.db, { responseId: v.responseId, to: v.day }, 'province');
const provincesApi = async (v: Views) =>
	(
		await v.api<{ data: AreaTotals[] }>(
			assessmentTotalsApi,
			`/api/v1/assessments/totals?responseId=${v.responseId}&to=${v.day}&level=province`
		)
	).data;
const COLUMNS: Record<Measure, string> = {
	affectedPersons: 'Affected persons',
	displacedPersons: 'Displaced persons',
	housesDamaged: 'Houses damaged'
};
const assessed = (k: Measure, byProvince: boolean): Check => {
	const inArea = (f: KeyFigure) => (r: { pcode: string | null }) =>
		!byProvince || r.pcode === rowKey(f);
	return {
		page: async (f, v) => (await provinces(v)).filter(inArea(f)).reduce((s, r) => s + r[k], 0),
		export: async (f, v) =>
			sum(
				await assessmentRows(v),
				COLUMNS[k],
				(r) => !byProvince || r['Province P-code'] === rowKey(f)
			),
		api: async (f, v) => (await provincesApi(v)).filter(inArea(f)).reduce((s, r) => s + r[k], 0)
	};
};

const ASSESSMENTS: Record<string, Check> = {
	'assessments.affected': assessed('affectedPersons', false),
	'assessments.displaced': assessed('displacedPersons', false),
	'assessments.houses-damaged': assessed('housesDamaged', false),
	'assessments.by-province:affected': assessed('affectedPersons', true),
	'assessments.by-province:displaced': assessed('displacedPersons', true),
	'assessments.by-province:houses-damaged': assessed('housesDamaged', true)
};

/** Every measure's cross-checks: a new figure's measure must be added here. */
export const CHECKS: Record<string, Check> = { ...RETURNS, ...SHELTER, ...ASSESSMENTS };
