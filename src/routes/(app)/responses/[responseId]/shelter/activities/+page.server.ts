import { z } from 'zod';
import { pageNumber, urlChoice, urlFilter } from '$lib/domain/validation';
import { can } from '$lib/domain/policy';
import {
	ACTIVITY_STATUSES,
	ACTIVITY_TYPES,
	DEFAULT_REVIEW_FILTER,
	REVIEW_FILTERS
} from '$lib/domain/shelter';
import type { AdminLevel } from '$lib/domain/places';
import { getLocale } from '$lib/paraglide/runtime.js';
import { authorize } from '$lib/server/auth/guard';
import { previewLink } from '$lib/server/maps/preview';
import { areasUnder } from '$lib/server/places';
import { levelsWithGeometry } from '$lib/server/places/geo';
import {
	matrixByArea,
	matrixRows,
	matrixTotals,
	reportingOrganisations,
	type MatrixRow
} from '$lib/server/shelter';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

const filterSchema = z.object({
	organisationId: urlFilter(z.coerce.number().int().positive()),
	activityType: urlFilter(z.enum(ACTIVITY_TYPES)),
	area: urlFilter(z.string().regex(/^KH\d{2,6}$/)),
	status: urlFilter(z.enum(ACTIVITY_STATUSES)),
	// Validated rows unless the reader picks another state (the page then says so).
	reviewState: urlChoice(REVIEW_FILTERS, DEFAULT_REVIEW_FILTER),
	month: urlFilter(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
	to: urlFilter(z.iso.date()),
	level: z.enum(['province', 'district']).default('province').catch('province'),
	page: pageNumber
});

/** What the matrix's table shows of a row: the page's data carries nothing more. */
const shown = (r: MatrixRow) => ({
	id: r.id,
	activityType: r.activityType,
	organisation: r.organisation,
	partner: r.partner,
	pcode: r.pcode,
	areaNameEn: r.areaNameEn,
	areaNameKm: r.areaNameKm,
	startDate: r.startDate,
	endDate: r.endDate,
	status: r.status,
	targetedHouseholds: r.targetedHouseholds,
	reachedHouseholds: r.reachedHouseholds,
	targetedPersons: r.targetedPersons,
	reachedPersons: r.reachedPersons,
	reviewState: r.reviewState
});

/** The 4W matrix: filters, totals of exactly the rows listed, and households reached by area. */
export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'shelter.read');
	const { response } = await event.parent();
	const db = event.locals.db;
	const { page, level, ...chosen } = filterSchema.parse(Object.fromEntries(event.url.searchParams));
	const f = { responseId: response.id, ...chosen };
	const totals = await matrixTotals(db, user, f);
	const query = new URLSearchParams(event.url.searchParams);
	query.delete('page');
	const districtShapes = (await levelsWithGeometry(db)).includes(2);
	const mapLevel: AdminLevel = level === 'district' && districtShapes ? 2 : 1;
	const byArea = await matrixByArea(db, user, f, mapLevel === 2 ? 'district' : 'province');
	return {
		filter: { ...chosen, level },
		/** "Map by district" asked for with no district shapes: the map says so and shows provinces. */
		noDistrictShapes: level === 'district' && !districtShapes,
		canImportBoundaries: can(user, 'boundary.import'),
		query: query.toString(),
		page,
		pages: Math.max(1, Math.ceil(totals.activities / PAGE_SIZE)),
		rows: (await matrixRows(db, user, f, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })).map(
			shown
		),
		totals,
		byArea,
		/** The shapes come from /api/v1/boundaries, kept by the browser between visits. */
		mapLevel,
		/** Drawn first; districts only where households were reached (all would be too small). */
		mapPreview: await previewLink(db, {
			kind: 'reached',
			level: mapLevel,
			values: Object.fromEntries(byArea.map((v) => [v.pcode, v.reachedHouseholds])),
			onlyValued: mapLevel === 2,
			locale: getLocale()
		}),
		areas: await areasUnder(db, response.provinces, 2),
		organisations: await reportingOrganisations(db, user, response.id),
		canCreate: can(user, 'shelter.activity.create', { organisationId: user.organisationId })
	};
};
