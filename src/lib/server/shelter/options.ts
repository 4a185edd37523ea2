/** The choices the activity form offers, for one actor in one response. */
import { asc, eq } from 'drizzle-orm';
import { can, type Actor } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import { nfiCatalogue, organisations, shelterSites } from '$lib/server/db/schema';
import { areasUnder } from '$lib/server/places';

export async function activityFormOptions(
	db: Db,
	actor: Actor,
	responseId: number,
	provinces: string[]
) {
	const all = await db
		.select({ id: organisations.id, acronym: organisations.acronym })
		.from(organisations)
		.orderBy(asc(organisations.acronym));
	return {
		reporters: all.filter((o) => can(actor, 'shelter.activity.create', { organisationId: o.id })),
		organisations: all,
		areas: await areasUnder(db, provinces),
		sites: await db
			.select({ id: shelterSites.id, nameEn: shelterSites.nameEn, nameKm: shelterSites.nameKm })
			.from(shelterSites)
			.where(eq(shelterSites.responseId, responseId))
			.orderBy(asc(shelterSites.nameEn)),
		catalogue: await db
			.select({
				id: nfiCatalogue.id,
				code: nfiCatalogue.code,
				nameEn: nfiCatalogue.nameEn,
				nameKm: nfiCatalogue.nameKm,
				unit: nfiCatalogue.unit
			})
			.from(nfiCatalogue)
			.where(eq(nfiCatalogue.active, true))
			.orderBy(asc(nfiCatalogue.kind), asc(nfiCatalogue.code))
	};
}
