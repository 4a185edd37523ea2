import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { correctionBodySchema } from '$lib/domain/shelter';
import { ApiError, apiActor, endpoint, readJson } from '$lib/server/api';
import { correctPopulation, siteOfCount } from '$lib/server/shelter';
import type { RequestHandler } from './$types';

/**
 * A new count replacing count `{countId}` with the reason; 201 with the stored count, 200 when
 * the same correction (same `id` and content) was taken already.
 */
export const POST: RequestHandler = endpoint(async (event) => {
	const countId = Number(event.params.countId);
	const site = Number.isInteger(countId) ? await siteOfCount(event.locals.db, countId) : undefined;
	if (!site) throw new ApiError(404, 'not_found', m.shel_error_count_unknown());
	const user = apiActor(event, 'shelter.population.submit', 'write', {
		organisationId: site.managingOrganisationId
	});
	const input = await readJson(event.request, correctionBodySchema, 16_000);
	const { outcome, row } = await correctPopulation(event.locals.db, user, site.id, {
		...input,
		replaces: countId
	});
	return json(
		{
			data: {
				id: row.id,
				clientId: row.clientId,
				siteId: row.siteId,
				replaces: row.replacesId,
				reason: row.correctionReason,
				asOf: row.asOf.toISOString(),
				households: row.households,
				persons: row.persons
			}
		},
		{ status: outcome === 'created' ? 201 : 200 }
	);
});
