import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { todayInCambodia } from '$lib/domain/dates';
import { siteListQuery } from '$lib/domain/api';
import { ApiError, apiActor, endpoint, readQuery } from '$lib/server/api';
import { getResponse } from '$lib/server/responses';
import { listSites, siteTotals } from '$lib/server/shelter';
import type { RequestHandler } from './$types';

/**
 * A response's sites with their population on the as-of day (today unless given), under the
 * sites page's filters, and the totals of all of them: the sites page's and the sitrep's figures.
 */
export const GET: RequestHandler = endpoint((event) => {
	apiActor(event, 'shelter.read', 'read');
	const { limit, after, ...f } = readQuery(event.url, siteListQuery);
	if (!getResponse(event.locals.db, f.responseId)) {
		throw new ApiError(404, 'not_found', m.shel_error_unknown_response());
	}
	const asOf = f.asOf ?? todayInCambodia();
	const sites = listSites(event.locals.db, { ...f, asOf });
	const data = sites.slice(after, after + limit).map((s) => ({
		id: s.site.id,
		nameEn: s.site.nameEn,
		nameKm: s.site.nameKm,
		kind: s.site.kind,
		pcode: s.site.pcode,
		provincePcode: s.site.provincePcode,
		districtPcode: s.site.districtPcode,
		lon: s.site.lon,
		lat: s.site.lat,
		managingOrganisation: s.organisation,
		openedOn: s.site.openedOn,
		closedOn: s.site.closedOn,
		open: s.open,
		capacity: s.site.capacity,
		coveredAreaM2: s.site.coveredAreaM2,
		populationAsOf: s.asOf?.toISOString() ?? null,
		households: s.occupancy.households,
		persons: s.occupancy.persons,
		occupancy: s.occupancy.ratio,
		m2PerPerson: s.occupancy.m2PerPerson,
		belowSphere: s.occupancy.belowSphere
	}));
	return json({
		asOf,
		data,
		totals: siteTotals(sites),
		next: after + data.length < sites.length ? after + data.length : null
	});
});
