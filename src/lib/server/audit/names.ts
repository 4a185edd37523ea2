/**
 * The audit page names each record as people know it (the manifest's code, the site's name, the
 * response's name), looked up per kind of record in one query each for the rows shown.
 */
import { eq, inArray } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { formatDay, formatNumber, localName } from '$lib/format';
import type { Db } from '$lib/server/db';
import {
	apiTokens,
	arrivalTallies,
	locations,
	manifests,
	nfiCatalogue,
	organisations,
	responses,
	shelterSites,
	sitreps,
	users
} from '$lib/server/db/schema';

type Names = (db: Db, ids: number[]) => [number, string][];

const NAMES: Record<string, Names> = {
	manifest: (db, ids) =>
		db
			.select({ id: manifests.id, code: manifests.code })
			.from(manifests)
			.where(inArray(manifests.id, ids))
			.all()
			.map((r) => [r.id, r.code]),
	locations: (db, ids) =>
		db
			.select({ id: locations.id, nameEn: locations.nameEn, nameKm: locations.nameKm })
			.from(locations)
			.where(inArray(locations.id, ids))
			.all()
			.map((r) => [r.id, localName(r)]),
	shelter_sites: (db, ids) =>
		db
			.select({ id: shelterSites.id, nameEn: shelterSites.nameEn, nameKm: shelterSites.nameKm })
			.from(shelterSites)
			.where(inArray(shelterSites.id, ids))
			.all()
			.map((r) => [r.id, localName(r)]),
	nfi_catalogue: (db, ids) =>
		db
			.select({ id: nfiCatalogue.id, nameEn: nfiCatalogue.nameEn, nameKm: nfiCatalogue.nameKm })
			.from(nfiCatalogue)
			.where(inArray(nfiCatalogue.id, ids))
			.all()
			.map((r) => [r.id, localName(r)]),
	responses: (db, ids) =>
		db
			.select({ id: responses.id, name: responses.name })
			.from(responses)
			.where(inArray(responses.id, ids))
			.all()
			.map((r) => [r.id, r.name]),
	users: (db, ids) =>
		db
			.select({ id: users.id, name: users.name })
			.from(users)
			.where(inArray(users.id, ids))
			.all()
			.map((r) => [r.id, r.name]),
	organisations: (db, ids) =>
		db
			.select({ id: organisations.id, acronym: organisations.acronym })
			.from(organisations)
			.where(inArray(organisations.id, ids))
			.all()
			.map((r) => [r.id, r.acronym]),
	api_tokens: (db, ids) =>
		db
			.select({ id: apiTokens.id, name: apiTokens.name })
			.from(apiTokens)
			.where(inArray(apiTokens.id, ids))
			.all()
			.map((r) => [r.id, r.name]),
	sitreps: (db, ids) =>
		db
			.select({ id: sitreps.id, number: sitreps.number, response: responses.name })
			.from(sitreps)
			.innerJoin(responses, eq(responses.id, sitreps.responseId))
			.where(inArray(sitreps.id, ids))
			.all()
			.map((r) => [
				r.id,
				m.audit_record_sitrep({ number: formatNumber(r.number), response: r.response })
			]),
	arrival_tallies: (db, ids) =>
		db
			.select({
				id: arrivalTallies.id,
				day: arrivalTallies.arrivedOn,
				nameEn: locations.nameEn,
				nameKm: locations.nameKm
			})
			.from(arrivalTallies)
			.innerJoin(locations, eq(locations.id, arrivalTallies.locationId))
			.where(inArray(arrivalTallies.id, ids))
			.all()
			.map((r) => [r.id, `${localName(r)} · ${formatDay(r.day)}`])
};

/** `entity|entityId` → the record's name, for the rows that have one; the others keep their id. */
export function auditRecordNames(
	db: Db,
	rows: { entity: string; entityId: string | null }[]
): Record<string, string> {
	const wanted = new Map<string, Set<number>>();
	for (const r of rows) {
		const id = Number(r.entityId);
		if (!NAMES[r.entity] || !Number.isInteger(id) || id <= 0) continue;
		wanted.set(r.entity, (wanted.get(r.entity) ?? new Set()).add(id));
	}
	const names: Record<string, string> = {};
	for (const [entity, ids] of wanted)
		for (const [id, name] of NAMES[entity](db, [...ids])) names[`${entity}|${id}`] = name;
	return names;
}
