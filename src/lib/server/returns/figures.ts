/**
 * The mass return's sitrep figures as of a day (in Cambodia), read through the services the
 * dashboard and the reconciliation pages use: returnees by crossing point and day, by sex and
 * age, vulnerable groups and referrals; crossed, dispatched and arrived by destination province.
 */
import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { todayInCambodia } from '$lib/domain/dates';
import { formatDay } from '$lib/format';
import { AGE_BANDS, SEXES } from '$lib/domain/people';
import type { Db } from '$lib/server/db';
import { first } from '$lib/server/db/transaction';
import { arrivalTallies, manifests } from '$lib/server/db/schema';
import { listProvinces } from '$lib/server/places';
import {
	bilingual,
	cell,
	headline,
	label,
	tableLabel,
	type FigureProvider
} from '$lib/server/sitreps/figures';
import type { KeyFigure } from '$lib/domain/figures';
import { arrivalsDashboard } from './dashboard';
import { reconciliation, reconciliationByProvince } from './reconciliation';

const SECTION = 'returns';

/** The row key of the people who crossed with no recorded destination. */
export const NOT_RECORDED = 'not-recorded';

const TABLES = {
	byPoint: 'returns.by-point',
	byPointDay: 'returns.by-point-day',
	byDestination: 'returns.by-destination',
	sadd: 'returns.sadd'
} as const;

/** The totals a headline figure reads from the dashboard's totals, by measure. */
const TOTALS = {
	'returns.vulnerable.disabled': ['disabled', m.sitrep_fig_disabled],
	'returns.vulnerable.unaccompanied': ['unaccompaniedChildren', m.sitrep_fig_unaccompanied],
	'returns.vulnerable.pregnant': ['pregnantLactating', m.sitrep_fig_pregnant],
	'returns.referrals.health': ['healthReferrals', m.sitrep_fig_referred_health],
	'returns.referrals.trafficking': ['traffickingReferrals', m.sitrep_fig_referred_trafficking]
} as const;

const COLUMNS = {
	crossed: label('crossed', bilingual(m.sitrep_column_crossed)),
	dispatched: label('dispatched', bilingual(m.sitrep_column_dispatched)),
	arrived: label('arrived', bilingual(m.sitrep_column_arrived))
};

const sexLabel = {
	f: () => label('f', bilingual(m.sex_female)),
	m: () => label('m', bilingual(m.sex_male))
};

/** A day as a row label, e.g. "12 Jun 2014" and its Khmer form. */
const dayLabel = (day: string) =>
	label(day, { en: formatDay(day, 'medium', 'en'), km: formatDay(day, 'medium', 'km') });

async function holdsReturns(db: Db, responseId: number) {
	const one = (t: typeof arrivalTallies | typeof manifests) =>
		first(db.select({ id: t.id }).from(t).where(eq(t.responseId, responseId)));
	return !!((await one(arrivalTallies)) || (await one(manifests)));
}

async function compute(db: Db, responseId: number, asOf: Date): Promise<KeyFigure[]> {
	// A response without a mass return (a flood, say) gets no returns section at all.
	if (!(await holdsReturns(db, responseId))) return [];
	const day = todayInCambodia(asOf);
	const filters = { responseId: String(responseId), to: day };
	const arrivals = { dataset: 'arrivals', filters };
	const dash = await arrivalsDashboard(db, responseId, { to: day });
	const recon = await reconciliation(db, responseId, { to: day });
	const byProvince = reconciliationByProvince(recon);
	const sum = (k: 'dispatched' | 'arrived') => recon.reduce((s, r) => s + r[k], 0);

	const figures: KeyFigure[] = [
		headline(
			SECTION,
			'returns.crossed',
			bilingual(m.sitrep_fig_crossed),
			dash.totals.persons,
			arrivals
		),
		headline(SECTION, 'returns.dispatched', bilingual(m.sitrep_fig_dispatched), sum('dispatched'), {
			dataset: 'manifests',
			filters
		}),
		headline(SECTION, 'returns.arrived', bilingual(m.sitrep_fig_arrived), sum('arrived'), {
			dataset: 'manifests',
			filters: { ...filters, status: 'arrived' }
		}),
		...Object.entries(TOTALS).map(([measure, [field, message]]) =>
			headline(
				SECTION,
				measure,
				bilingual(message),
				field === 'disabled' ? dash.totals.people.disabled : dash.totals[field],
				arrivals
			)
		)
	];

	const points = [...dash.points].sort((a, b) => b.persons - a.persons || a.id - b.id);
	const pointLabel = (p: (typeof points)[number]) =>
		label(String(p.id), { en: p.nameEn, km: p.nameKm });
	const byPoint = tableLabel(
		TABLES.byPoint,
		bilingual(m.sitrep_table_by_point),
		bilingual(m.sitrep_rows_point)
	);
	for (const p of points) {
		figures.push(cell(SECTION, byPoint, pointLabel(p), COLUMNS.crossed, p.persons, arrivals));
	}
	const byPointDay = tableLabel(
		TABLES.byPointDay,
		bilingual(m.sitrep_table_by_point_day),
		bilingual(m.sitrep_rows_day)
	);
	const pointById = new Map(points.map((p) => [p.id, p]));
	for (const d of dash.daily) {
		const p = pointById.get(d.locationId);
		if (!p) continue;
		figures.push(
			cell(
				SECTION,
				byPointDay,
				dayLabel(d.date),
				pointLabel(p),
				d.persons,
				{ dataset: 'arrivals', filters: { ...filters, from: d.date, to: d.date } },
				`${TABLES.byPointDay}:crossed`
			)
		);
	}

	const names = new Map((await listProvinces(db)).map((p) => [p.pcode, p]));
	const byDestination = tableLabel(
		TABLES.byDestination,
		bilingual(m.sitrep_table_by_destination),
		bilingual(m.sitrep_rows_destination)
	);
	// People whose destination was not recorded come last: they crossed, and went nowhere known.
	const ordered = [...byProvince].sort(
		(a, b) =>
			Number(a.pcode === null) - Number(b.pcode === null) ||
			b.crossed - a.crossed ||
			(a.pcode ?? '').localeCompare(b.pcode ?? '')
	);
	for (const r of ordered) {
		const name = r.pcode ? names.get(r.pcode) : undefined;
		const row = r.pcode
			? label(r.pcode, { en: name?.nameEn ?? r.pcode, km: name?.nameKm ?? r.pcode })
			: label(NOT_RECORDED, bilingual(m.ret_dest_not_recorded));
		for (const column of [COLUMNS.crossed, COLUMNS.dispatched, COLUMNS.arrived] as const) {
			const key = column.key as 'crossed' | 'dispatched' | 'arrived';
			const source =
				key === 'crossed' || !r.pcode
					? arrivals
					: { dataset: 'manifests', filters: { ...filters, pcode: r.pcode } };
			figures.push(cell(SECTION, byDestination, row, column, r[key], source));
		}
	}

	const sadd = tableLabel(
		TABLES.sadd,
		bilingual(m.sitrep_table_sadd),
		bilingual(m.sitrep_rows_age)
	);
	const ageMessage = { '0_5': m.age_0_5, '6_17': m.age_6_17, '18_59': m.age_18_59, '60': m.age_60 };
	for (const band of AGE_BANDS) {
		const row = label(band, bilingual(ageMessage[band]));
		for (const sex of SEXES) {
			const value = dash.totals.people[`${sex}_${band}`];
			figures.push(cell(SECTION, sadd, row, sexLabel[sex](), value, arrivals, TABLES.sadd));
		}
	}
	return figures;
}

export const returnsFigures: FigureProvider = {
	area: 'returns',
	section: SECTION,
	measures: [
		'returns.crossed',
		'returns.dispatched',
		'returns.arrived',
		...Object.keys(TOTALS),
		`${TABLES.byPoint}:crossed`,
		`${TABLES.byPointDay}:crossed`,
		`${TABLES.byDestination}:crossed`,
		`${TABLES.byDestination}:dispatched`,
		`${TABLES.byDestination}:arrived`,
		TABLES.sadd
	],
	compute
};
