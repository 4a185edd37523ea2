/** Shelter sites and their append-only population updates. */
import { and, asc, eq, not, sql, type SQL } from 'drizzle-orm';
import { endOfDayInCambodia, todayInCambodia } from '$lib/domain/dates';
import { m } from '$lib/paraglide/messages.js';
import { can, type Actor } from '$lib/domain/policy';
import {
	occupancy,
	occupancyBand,
	type OccupancyBand,
	type Site,
	type SiteKind,
	type SiteStatus
} from '$lib/domain/shelter';
import type { Db } from '$lib/server/db';
import { first, transaction } from '$lib/server/db/transaction';
import {
	adminAreas,
	organisations,
	responses,
	shelterSites,
	type ShelterSite
} from '$lib/server/db/schema';
import { changedFields, recordAudit } from '$lib/server/audit';
import { fieldError, UserError } from '$lib/server/errors';
import { areaKeys } from '$lib/domain/places';
import { locate } from '$lib/server/places';
import { latestPopulation, populationHistory } from './population';

async function requireSite(db: Db, id: number): Promise<ShelterSite> {
	const site = await first(db.select().from(shelterSites).where(eq(shelterSites.id, id)));
	if (!site) throw new UserError(m.shel_error_not_found(), 'not_found');
	return site;
}

async function requireOrganisation(db: Db, id: number) {
	const org = await first(
		db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, id))
	);
	if (!org) throw fieldError('managingOrganisationId', m.shel_error_org_unknown());
}

async function siteValues(db: Db, site: Site) {
	await requireOrganisation(db, site.managingOrganisationId);
	const { pcode } = await locate(db, site.lon as number, site.lat as number, site.pcode);
	return { ...site, lon: site.lon as number, lat: site.lat as number, pcode, ...areaKeys(pcode) };
}

export async function createSite(db: Db, actor: Actor, responseId: number, input: Site) {
	return transaction(db, async (tx) => {
		const values = await siteValues(tx, input);
		if (!can(actor, 'shelter.site.manage', { organisationId: values.managingOrganisationId })) {
			throw fieldError('managingOrganisationId', m.shel_error_other_org(), 'forbidden');
		}
		const response = await first(
			tx.select({ id: responses.id }).from(responses).where(eq(responses.id, responseId))
		);
		if (!response) throw new UserError(m.shel_error_unknown_response(), 'not_found');
		const [row] = await tx
			.insert(shelterSites)
			.values({ ...values, responseId, createdBy: actor.id })
			.returning();
		await recordAudit(tx, {
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

export async function updateSite(db: Db, actor: Actor, id: number, input: Site) {
	return transaction(db, async (tx) => {
		const before = await requireSite(tx, id);
		const values = await siteValues(tx, input);
		for (const org of [before.managingOrganisationId, values.managingOrganisationId]) {
			if (!can(actor, 'shelter.site.manage', { organisationId: org })) {
				throw new UserError(m.shel_error_other_org(), 'forbidden');
			}
		}
		const [row] = await tx
			.update(shelterSites)
			.set(values)
			.where(eq(shelterSites.id, id))
			.returning();
		const diff = changedFields(before, values);
		await recordAudit(tx, {
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

export interface SiteFilter {
	responseId: number;
	/** The day (in Cambodia) the population is as of; today when unset. */
	asOf?: string | null;
	kind?: SiteKind | null;
	/** Open or closed on the as-of day. */
	status?: SiteStatus | null;
	area?: string | null;
	organisationId?: number | null;
	band?: OccupancyBand | null;
	belowSphere?: boolean;
}

/** SQL true when the site is open on `day`: opened by then and not closed by then. */
const openOnSql = (day: string) =>
	sql<number>`(${shelterSites.openedOn} <= ${day} and (${shelterSites.closedOn} is null or ${shelterSites.closedOn} > ${day}))`;

/**
 * Sites with their population on the as-of day: the latest count in force of a site open that
 * day; a site closed (or not yet open) that day shelters nobody. The one definition of "persons
 * in the sites" and of their capacity, read by the sites page, Gaps, the sitrep, the export and
 * the API. The occupancy filters apply once the occupancy is known.
 */
export async function listSites(db: Db, f: SiteFilter) {
	const day = f.asOf ?? todayInCambodia();
	const latest = latestPopulation(db, day);
	const open = openOnSql(day);
	const where: (SQL | undefined)[] = [
		eq(shelterSites.responseId, f.responseId),
		f.kind ? eq(shelterSites.kind, f.kind) : undefined,
		f.status === 'open' ? open : f.status === 'closed' ? not(open) : undefined,
		f.area ? sql`${shelterSites.pcode} like ${`${f.area}%`}` : undefined,
		f.organisationId ? eq(shelterSites.managingOrganisationId, f.organisationId) : undefined
	];
	const found = await db
		.select({
			site: shelterSites,
			organisation: organisations.acronym,
			areaNameEn: adminAreas.nameEn,
			areaNameKm: adminAreas.nameKm,
			// SQLite answers 1/0, PostgreSQL true/false.
			open: sql<boolean>`${open}`.mapWith(Boolean),
			households: latest.households,
			persons: latest.persons,
			asOf: latest.asOf
		})
		.from(shelterSites)
		.innerJoin(organisations, eq(organisations.id, shelterSites.managingOrganisationId))
		.leftJoin(adminAreas, eq(adminAreas.pcode, shelterSites.pcode))
		.leftJoin(latest, eq(latest.siteId, shelterSites.id))
		.where(and(...where))
		.orderBy(asc(shelterSites.nameEn), asc(shelterSites.id));
	const rows = found.map((r) => {
		const isOpen = r.open;
		const counted = isOpen && r.persons !== null;
		const occ = occupancy(
			r.site,
			counted ? { persons: r.persons ?? 0, households: r.households ?? 0 } : null
		);
		return {
			...r,
			open: isOpen,
			asOfDay: day,
			households: counted ? r.households : null,
			persons: counted ? r.persons : null,
			asOf: counted ? r.asOf : null,
			occupancy: occ,
			band: occupancyBand(occ.ratio)
		};
	});
	return rows.filter(
		(r) => (!f.band || r.band === f.band) && (!f.belowSphere || r.occupancy.belowSphere)
	);
}
export type SiteListRow = Awaited<ReturnType<typeof listSites>>[number];

/** The sites open on the as-of day, the people in them and their places. */
export function siteTotals(rows: SiteListRow[]) {
	const open = rows.filter((r) => r.open);
	const sum = (k: 'persons' | 'households' | 'capacity') =>
		open.reduce((s, r) => s + r.occupancy[k], 0);
	return {
		sites: open.length,
		persons: sum('persons'),
		households: sum('households'),
		capacity: sum('capacity')
	};
}
export type SiteTotals = ReturnType<typeof siteTotals>;

/** A site with its history; `occupancy` is by its latest count in force, open or closed now. */
export async function getSite(db: Db, id: number) {
	const site = await first(
		db
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
	);
	if (!site) return null;
	const history = await populationHistory(db, id);
	const today = todayInCambodia();
	const cutoff = endOfDayInCambodia(today).getTime();
	const current = history.find((h) => h.state === 'in_force' && h.asOf.getTime() < cutoff) ?? null;
	const { openedOn, closedOn } = site.site;
	const open = openedOn <= today && (closedOn === null || closedOn > today);
	return { ...site, history, current, open, occupancy: occupancy(site.site, current) };
}

/** The organisations an actor may choose as a site's manager: all for coordinators, else their own. */
export async function managedOrganisations(db: Db, actor: Actor) {
	const all = await db
		.select({ id: organisations.id, acronym: organisations.acronym })
		.from(organisations)
		.orderBy(asc(organisations.acronym));
	return all.filter((o) => can(actor, 'shelter.site.manage', { organisationId: o.id }));
}
