/** Shelter sites and their append-only population updates. */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { responseDayProblem } from '$lib/domain/dates';
import { peopleColumns, peopleOf, totalPeople } from '$lib/domain/people';
import { can, type Actor } from '$lib/domain/policy';
import {
	asOfDate,
	occupancy,
	occupancyBand,
	populationSchema,
	siteSchema,
	type OccupancyBand,
	type PopulationInput,
	type SiteInput,
	type SiteKind,
	type SiteStatus
} from '$lib/domain/shelter';
import type { Db } from '$lib/server/db';
import {
	adminAreas,
	organisations,
	responses,
	shelterPopulation,
	shelterSites,
	users,
	type ShelterSite
} from '$lib/server/db/schema';
import { changedFields, recordAudit } from '$lib/server/audit';
import { fieldError, UserError } from '$lib/server/errors';
import { contentHash, once } from '$lib/server/once';
import { areaKeys, resolvePointPcode } from './places';
import { parseOrThrow } from './validate';

function requireSite(db: Db, id: number): ShelterSite {
	const site = db.select().from(shelterSites).where(eq(shelterSites.id, id)).get();
	if (!site) throw new UserError(m.shel_error_not_found(), 'not_found');
	return site;
}

function requireOrganisation(db: Db, id: number) {
	const org = db
		.select({ id: organisations.id })
		.from(organisations)
		.where(eq(organisations.id, id))
		.get();
	if (!org) throw fieldError('managingOrganisationId', m.shel_error_org_unknown());
}

function siteValues(db: Db, input: SiteInput) {
	const site = parseOrThrow(siteSchema, input);
	requireOrganisation(db, site.managingOrganisationId);
	const pcode = resolvePointPcode(db, site.lon as number, site.lat as number, site.pcode);
	return { ...site, lon: site.lon as number, lat: site.lat as number, pcode, ...areaKeys(pcode) };
}

export function createSite(db: Db, actor: Actor, responseId: number, input: SiteInput) {
	return db.transaction((tx) => {
		const values = siteValues(tx, input);
		if (!can(actor, 'shelter.site.manage', { organisationId: values.managingOrganisationId })) {
			throw fieldError('managingOrganisationId', m.shel_error_other_org(), 'forbidden');
		}
		const response = tx
			.select({ id: responses.id })
			.from(responses)
			.where(eq(responses.id, responseId))
			.get();
		if (!response) throw new UserError(m.shel_error_unknown_response(), 'not_found');
		const row = tx
			.insert(shelterSites)
			.values({ ...values, responseId, createdBy: actor.id })
			.returning()
			.get();
		recordAudit(tx, {
			userId: actor.id,
			action: 'create',
			entity: 'shelter_sites',
			entityId: row.id,
			responseId,
			after: values
		});
		return row;
	});
}

export function updateSite(db: Db, actor: Actor, id: number, input: SiteInput) {
	return db.transaction((tx) => {
		const before = requireSite(tx, id);
		const values = siteValues(tx, input);
		for (const org of [before.managingOrganisationId, values.managingOrganisationId]) {
			if (!can(actor, 'shelter.site.manage', { organisationId: org })) {
				throw new UserError(m.shel_error_other_org(), 'forbidden');
			}
		}
		const row = tx
			.update(shelterSites)
			.set(values)
			.where(eq(shelterSites.id, id))
			.returning()
			.get();
		const diff = changedFields(before, values);
		recordAudit(tx, {
			userId: actor.id,
			action: 'update',
			entity: 'shelter_sites',
			entityId: id,
			responseId: before.responseId,
			...diff
		});
		return row;
	});
}

/**
 * A population count at a time, taken once per client id (a retry or a double click answers
 * with the stored count). Never updates an earlier one: the latest `asOf` counts.
 */
export function addPopulation(db: Db, actor: Actor, siteId: number, input: PopulationInput) {
	const p = parseOrThrow(populationSchema, input);
	const hash = contentHash({ siteId, ...p });
	return db.transaction((tx) => {
		const site = requireSite(tx, siteId);
		if (!can(actor, 'shelter.population.submit', { organisationId: site.managingOrganisationId })) {
			throw new UserError(m.shel_error_other_org(), 'forbidden');
		}
		return once({
			find: () =>
				tx.select().from(shelterPopulation).where(eq(shelterPopulation.clientId, p.id)).get(),
			stamp: (row) => ({ hash: row.contentHash, by: row.reportedBy }),
			hash,
			actor,
			create: () => {
				const asOf = asOfDate(p.asOf);
				const response = tx
					.select({ startDate: responses.startDate, endDate: responses.endDate })
					.from(responses)
					.where(eq(responses.id, site.responseId))
					.get();
				const outside = response && responseDayProblem(asOf, response);
				if (outside) throw fieldError('asOf', outside);
				const people = peopleOf(p);
				const values = {
					siteId,
					clientId: p.id,
					contentHash: hash,
					asOf,
					households: p.households,
					...peopleColumns(people),
					persons: totalPeople(people),
					organisationId: actor.organisationId,
					reportedBy: actor.id
				};
				const row = tx
					.insert(shelterPopulation)
					.values(values)
					.onConflictDoNothing({ target: shelterPopulation.clientId })
					.returning()
					.get();
				if (!row) return undefined;
				recordAudit(tx, {
					userId: actor.id,
					action: 'create',
					entity: 'shelter_population',
					entityId: row.id,
					responseId: site.responseId,
					after: { siteId, asOf, households: values.households, persons: values.persons }
				});
				return row;
			}
		});
	});
}

/** The latest update of each site at or before `asOf` (all when none given), as a subquery. */
export function latestPopulation(db: Db, asOf?: Date) {
	const cutoff = asOf ? sql` and p2.as_of <= ${asOf.getTime()}` : sql``;
	return db
		.select({
			siteId: shelterPopulation.siteId,
			households: shelterPopulation.households,
			persons: shelterPopulation.persons,
			asOf: shelterPopulation.asOf,
			disabled: shelterPopulation.disabled
		})
		.from(shelterPopulation)
		.where(
			sql`${shelterPopulation.id} = (select p2.id from ${shelterPopulation} p2 where p2.site_id = ${shelterPopulation.siteId}${cutoff} order by p2.as_of desc, p2.id desc limit 1)`
		)
		.as('latest');
}

export interface SiteFilter {
	responseId: number;
	kind?: SiteKind | null;
	status?: SiteStatus | null;
	area?: string | null;
	organisationId?: number | null;
	band?: OccupancyBand | null;
	belowSphere?: boolean;
}

/** Sites with their current occupancy; the occupancy filters apply after it is known. */
export function listSites(db: Db, f: SiteFilter) {
	const latest = latestPopulation(db);
	const where: (SQL | undefined)[] = [
		eq(shelterSites.responseId, f.responseId),
		f.kind ? eq(shelterSites.kind, f.kind) : undefined,
		f.status ? eq(shelterSites.status, f.status) : undefined,
		f.area ? sql`${shelterSites.pcode} like ${`${f.area}%`}` : undefined,
		f.organisationId ? eq(shelterSites.managingOrganisationId, f.organisationId) : undefined
	];
	const rows = db
		.select({
			site: shelterSites,
			organisation: organisations.acronym,
			areaNameEn: adminAreas.nameEn,
			areaNameKm: adminAreas.nameKm,
			households: latest.households,
			persons: latest.persons,
			asOf: latest.asOf
		})
		.from(shelterSites)
		.innerJoin(organisations, eq(organisations.id, shelterSites.managingOrganisationId))
		.leftJoin(adminAreas, eq(adminAreas.pcode, shelterSites.pcode))
		.leftJoin(latest, eq(latest.siteId, shelterSites.id))
		.where(and(...where))
		.orderBy(asc(shelterSites.nameEn))
		.all()
		.map((r) => {
			const occ = occupancy(
				r.site,
				r.persons === null ? null : { persons: r.persons, households: r.households ?? 0 }
			);
			return { ...r, occupancy: occ, band: occupancyBand(occ.ratio) };
		});
	return rows.filter(
		(r) => (!f.band || r.band === f.band) && (!f.belowSphere || r.occupancy.belowSphere)
	);
}
export type SiteListRow = ReturnType<typeof listSites>[number];

export function getSite(db: Db, id: number) {
	const site = db
		.select({
			site: shelterSites,
			organisation: organisations.acronym,
			areaNameEn: adminAreas.nameEn,
			areaNameKm: adminAreas.nameKm
		})
		.from(shelterSites)
		.innerJoin(organisations, eq(organisations.id, shelterSites.managingOrganisationId))
		.leftJoin(adminAreas, eq(adminAreas.pcode, shelterSites.pcode))
		.where(eq(shelterSites.id, id))
		.get();
	if (!site) return null;
	const history = populationHistory(db, id);
	const current = history[0] ?? null;
	return { ...site, history, occupancy: occupancy(site.site, current) };
}

/** A site's updates, latest first. */
export function populationHistory(db: Db, siteId: number) {
	return db
		.select({
			id: shelterPopulation.id,
			asOf: shelterPopulation.asOf,
			households: shelterPopulation.households,
			persons: shelterPopulation.persons,
			row: shelterPopulation,
			reporter: users.name,
			organisation: organisations.acronym
		})
		.from(shelterPopulation)
		.innerJoin(users, eq(users.id, shelterPopulation.reportedBy))
		.innerJoin(organisations, eq(organisations.id, shelterPopulation.organisationId))
		.where(eq(shelterPopulation.siteId, siteId))
		.orderBy(desc(shelterPopulation.asOf), desc(shelterPopulation.id))
		.all()
		.map(({ row, ...rest }) => ({ ...rest, people: peopleOf(row) }));
}

/** The organisations an actor may choose as a site's manager: all for coordinators, else their own. */
export function managedOrganisations(db: Db, actor: Actor) {
	return db
		.select({ id: organisations.id, acronym: organisations.acronym })
		.from(organisations)
		.orderBy(asc(organisations.acronym))
		.all()
		.filter((o) => can(actor, 'shelter.site.manage', { organisationId: o.id }));
}
