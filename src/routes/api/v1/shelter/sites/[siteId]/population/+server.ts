import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { peopleOf } from '$lib/domain/people';
import { populationSchema } from '$lib/domain/shelter';
import { ApiError, apiActor, endpoint, readJson } from '$lib/server/api';
import { addPopulation, getSite } from '$lib/server/shelter';
import type { RequestHandler } from './$types';

/**
 * One population count for a site (append-only), under the `id` the client made: 201 with the
 * stored count the first time, 200 with the same count for a retry, 409 for an id reused.
 */
export const POST: RequestHandler = endpoint(async (event) => {
	const found = await getSite(event.locals.db, Number(event.params.siteId));
	if (!found) throw new ApiError(404, 'not_found', m.shel_error_not_found());
	const user = apiActor(event, 'shelter.population.submit', 'write', {
		organisationId: found.site.managingOrganisationId
	});
	const input = await readJson(event.request, populationSchema, 16_000);
	const { outcome, row } = await addPopulation(event.locals.db, user, found.site.id, input);
	return json(
		{
			data: {
				id: row.id,
				clientId: row.clientId,
				siteId: row.siteId,
				asOf: row.asOf.toISOString(),
				households: row.households,
				persons: row.persons,
				...peopleOf(row)
			}
		},
		{ status: outcome === 'created' ? 201 : 200 }
	);
});
