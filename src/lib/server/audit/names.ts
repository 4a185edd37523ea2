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

type Names = (db: Db, ids: number[]) => Promise<[number, string][]>;

const NAMES: Record<string, Names> = {
	manifest: async (db, ids) =>
		(
			await db
				.select({ id: manifests.id, code: manifests.code })
				.from(manifests)
				.where(inArray(manifests.id, ids))
		).map((r) => [r.id, r.code]),
	locations: async (db, ids) =>
		(
			await db
				.select({ id: locations.id, nameEn: locations.nameEn, nameKm: locations.nameKm })
				.from(locations)
				.where(inArray(locations.id, ids))
		).map((r) => [r.id, localName(r)]),
	shelter_sites: async (db, ids) =>
		(
			await db
				.select({ id: shelterSites.id, nameEn: shelterSites.nameEn, nameKm: shelterSites.nameKm })
				.from(shelterSites)
				.where(inArray(shelterSites.id, ids))
		).map((r) => [r.id, localName(r)]),
	nfi_catalogue: async (db, ids) =>
		(
			await db
				.select({ id: nfiCatalogue.id, nameEn: nfiCatalogue.nameEn, nameKm: nfiCatalogue.nameKm })
				.from(nfiCatalogue)
				.where(inArray(nfiCatalogue.id, ids))
		).map((r) => [r.id, localName(r)]),
	responses: async (db, ids) =>
		(
			await db
				.select({ id: responses.id, name: responses.name })
				.from(responses)
				.where(inArray(responses.id, ids))
		).map((r) => [r.id, r.name]),
	users: async (db, ids) =>
		(
			await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))
		).map((r) => [r.id, r.name]),
	organisations: async (db, ids) =>
		(
			await db
				.select({ id: organisations.id, acronym: organisations.acronym })
				.from(organisations)
				.where(inArray(organisations.id, ids))
		).map((r) => [r.id, r.acronym]),
	api_tokens: async (db, ids) =>
		(
			await db
				.select({ id: apiTokens.id, name: apiTokens.name })
				.from(apiTokens)
				.where(inArray(apiTokens.id, ids))
		).map((r) => [r.id, r.name]),
	sitreps: async (db, ids) =>
		(
			await db
				.select({ id: sitreps.id, number: sitreps.number, response: responses.name })
				.from(sitreps)
				.innerJoin(responses, eq(responses.id, sitreps.responseId))
				.where(inArray(sitreps.id, ids))
		).map((r) => [
			r.id,
			m.audit_record_sitrep({ number: formatNumber(r.number), response: r.response })
		]),
	arrival_tallies: async (db, ids) =>
		(
			await db
				.select({
					id: arrivalTallies.id,
					day: arrivalTallies.arrivedOn,
					nameEn: locations.nameEn,
					nameKm: locations.nameKm
				})
				.from(arrivalTallies)
				.innerJoin(locations, eq(locations.id, arrivalTallies.locationId))
				.where(inArray(arrivalTallies.id, ids))
		).map((r) => [r.id, `${localName(r)} · ${formatDay(r.day)}`])
};

/** `entity|entityId` → the record's name, for the rows that have one; the others keep their id. */
export async function auditRecordNames(
	db: Db,
	rows: { entity: string; entityId: string | null }[]
): Promise<Record<string, string>> {
	const wanted = new Map<string, Set<number>>();
	for (const r of rows) {
		const id = Number(r.entityId);
		if (!NAMES[r.entity] || !Number.isInteger(id) || id <= 0) continue;
		wanted.set(r.entity, (wanted.get(r.entity) ?? new Set()).add(id));
	}
	const names: Record<string, string> = {};
	for (const [entity, ids] of wanted)
		for (const [id, name] of await NAMES[entity](db, [...ids])) names[`${entity}|${id}`] = name;
	return names;
}
