/**
 * The Shelter Sector's sitrep figures as of a day (in Cambodia), read through the services of
 * the sites page, the 4W matrix and Gaps: sites open that day, the people in them and their
 * places; households and people reached by validated 4W rows started by then; NFI distributed
 * against the standard, by province as Gaps counts them.
 */
import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { todayInCambodia } from '$lib/domain/dates';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import { first } from '$lib/server/db/transaction';
import { shelterActivities, shelterSites } from '$lib/server/db/schema';
import {
	bilingual,
	cell,
	headline,
	label,
	tableLabel,
	type FigureProvider
} from '$lib/server/sitreps/figures';
import type { KeyFigure } from '$lib/domain/figures';
import { gapsByArea, matrixTotals } from './matrix';
import { listSites, siteTotals } from './sites';

const SECTION = 'shelter';
const NFI_TABLE = 'shelter.nfi';

/** What any reader of a published report sees of the 4W rows: the validated ones. */
const ANY_READER: Actor = { id: 0, role: 'viewer', organisationId: 0 };

async function holdsShelter(db: Db, responseId: number) {
	const one = (t: typeof shelterSites | typeof shelterActivities) =>
		first(db.select({ id: t.id }).from(t).where(eq(t.responseId, responseId)));
	return !!((await one(shelterSites)) || (await one(shelterActivities)));
}

async function compute(db: Db, responseId: number, asOf: Date): Promise<KeyFigure[]> {
	// A response without shelter work gets no shelter section at all.
	if (!(await holdsShelter(db, responseId))) return [];
	const day = todayInCambodia(asOf);
	const response = String(responseId);
	const sites = siteTotals(await listSites(db, { responseId, asOf: day }));
	const openSites = {
		dataset: 'sites',
		filters: { responseId: response, asOf: day, status: 'open' }
	};
	const validated = { responseId, reviewState: 'validated' as const, to: day };
	const reached = await matrixTotals(db, ANY_READER, validated);
	const rows = {
		dataset: 'activities',
		filters: { responseId: response, reviewState: 'validated', to: day }
	};
	const figures: KeyFigure[] = [
		headline(SECTION, 'shelter.sites', bilingual(m.sitrep_fig_sites_open), sites.sites, openSites),
		headline(
			SECTION,
			'shelter.persons',
			bilingual(m.sitrep_fig_site_persons),
			sites.persons,
			openSites
		),
		headline(
			SECTION,
			'shelter.households',
			bilingual(m.sitrep_fig_site_households),
			sites.households,
			openSites
		),
		headline(
			SECTION,
			'shelter.capacity',
			bilingual(m.sitrep_fig_site_capacity),
			sites.capacity,
			openSites
		),
		headline(
			SECTION,
			'shelter.reached.households',
			bilingual(m.sitrep_fig_reached_households),
			reached.reachedHouseholds,
			rows
		),
		headline(
			SECTION,
			'shelter.reached.persons',
			bilingual(m.sitrep_fig_reached_persons),
			reached.reachedPersons,
			rows
		)
	];

	const gaps = await gapsByArea(db, ANY_READER, { ...validated, asOf: day }, 'province');
	const table = tableLabel(NFI_TABLE, bilingual(m.sitrep_table_nfi), bilingual(m.sitrep_rows_item));
	const distributed = label('distributed', bilingual(m.sitrep_column_distributed));
	const needed = label('needed', bilingual(m.sitrep_column_needed));
	for (const item of gaps.items) {
		const total = (k: 'distributed' | 'needed') =>
			gaps.rows.reduce((s, r) => s + (r.items[item.code]?.[k] ?? 0), 0);
		const row = label(item.code, {
			en: `${item.nameEn} (${item.unit})`,
			km: item.nameKm
		});
		const gapsSource = {
			dataset: 'gaps',
			filters: { responseId: response, level: 'province', asOf: day }
		};
		figures.push(cell(SECTION, table, row, distributed, total('distributed'), rows));
		figures.push(cell(SECTION, table, row, needed, total('needed'), gapsSource));
	}
	return figures;
}

export const shelterFigures: FigureProvider = {
	area: 'shelter',
	section: SECTION,
	measures: [
		'shelter.sites',
		'shelter.persons',
		'shelter.households',
		'shelter.capacity',
		'shelter.reached.households',
		'shelter.reached.persons',
		`${NFI_TABLE}:distributed`,
		`${NFI_TABLE}:needed`
	],
	compute
};
