import { json } from '@sveltejs/kit';
import { todayInCambodia } from '$lib/domain/dates';
import { siteListQuery } from '$lib/domain/api';
import { apiActor, endpoint, knownResponse, readQuery } from '$lib/server/api';
import { keysetPage } from '$lib/server/api/pages';
import { listSites, siteTotals } from '$lib/server/shelter';
import type { RequestHandler } from './$types';

/**
 * A response's sites with their population on the as-of day (today unless given), under the
 * sites page's filters, and the totals of all of them: the sites page's and the sitrep's figures.
 */
export const GET: RequestHandler = endpoint(async (event) => {
	apiActor(event, 'shelter.read', 'read');
	const { limit, cursor, ...f } = readQuery(event.url, siteListQuery);
	await knownResponse(event.locals.db, f.responseId);
	const asOf = f.asOf ?? todayInCambodia();
	const sites = await listSites(event.locals.db, { ...f, asOf });
	// The filters on occupancy apply once it is known, so the page is cut from the whole list.
	const byId = sites.toSorted((a, b) => a.site.id - b.site.id);
	const page = await keysetPage(
		'sites',
		{ limit, cursor },
		async (after, take) => byId.filter((s) => s.site.id > after).slice(0, take),
		(s) => s.site.id
	);
	const data = page.data.map((s) => ({
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
	return json({ asOf, data, next: page.next, totals: siteTotals(sites) });
});
