import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { retractionBodySchema } from '$lib/domain/shelter';
import { ApiError, apiActor, endpoint, readJson } from '$lib/server/api';
import { retractPopulation, siteOfCount } from '$lib/server/shelter';
import type { RequestHandler } from './$types';

/** Withdraws count `{countId}` with the reason; 201 with the retraction. */
export const POST: RequestHandler = endpoint(async (event) => {
	const countId = Number(event.params.countId);
	const site = Number.isInteger(countId) ? await siteOfCount(event.locals.db, countId) : undefined;
	if (!site) throw new ApiError(404, 'not_found', m.shel_error_count_unknown());
	const user = apiActor(event, 'shelter.population.submit', 'write', {
		organisationId: site.managingOrganisationId
	});
	const input = await readJson(event.request, retractionBodySchema, 4_000);
	const row = await retractPopulation(event.locals.db, user, site.id, {
		...input,
		retracts: countId
	});
	return json(
		{ data: { retracts: row.populationId, reason: row.reason, at: row.createdAt.toISOString() } },
		{ status: 201 }
	);
});
