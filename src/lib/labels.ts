/** Words for the app's codes (roles, kinds, states), in the reader's language. */
import { m } from '$lib/paraglide/messages.js';
import { localName, sortByName } from '$lib/format';
import type { ApiScope, OrganisationType } from '$lib/domain/plain/accounts';
import type { AuditAction } from '$lib/domain/audit';
import type { ResponseArea, ResponseKind, ResponseStatus } from '$lib/domain/plain/responses';
import type { AgeBand, Sex } from '$lib/domain/plain/people';
import type {
	Access,
	LocationSource,
	Need,
	NeedItem,
	SanitationState,
	WaterState
} from '$lib/domain/plain/assessments';

export { roleLabel } from '$lib/role-labels';

/** Each code's words, as a message function (so they follow the reader's language). */
export type Labels<K extends string> = Record<K, () => string>;

/** A stored code's words; a code this version does not know is shown as it is. */
export function labelOf<K extends string>(labels: Labels<K>, code: string): string {
	return Object.hasOwn(labels, code) ? labels[code as K]() : code;
}

/** One choice of a select. */
export interface Option {
	value: string | number;
	label: string;
}

/** The codes as a select's choices, in their order, in the reader's language. */
export function codeOptions<K extends string>(codes: readonly K[], labels: Labels<K>): Option[] {
	return codes.map((code) => ({ value: code, label: labels[code]() }));
}

/** Provinces and, indented with a dash, their districts, as a select's choices. */
export function areaOptions(
	areas: readonly { pcode: string; level: number; nameEn: string; nameKm?: string | null }[]
): Option[] {
	// A P-code is its parent's and two digits: each district follows its province.
	const parent = (pcode: string) => pcode.slice(0, -2);
	const codes = new Set(areas.map((a) => a.pcode));
	const top = sortByName(areas.filter((a) => !codes.has(parent(a.pcode))));
	return top
		.flatMap((t) => [t, ...sortByName(areas.filter((a) => parent(a.pcode) === t.pcode))])
		.map((a) => ({ value: a.pcode, label: `${a.level === 2 ? '— ' : ''}${localName(a)}` }));
}

export const apiScopeLabel: Labels<ApiScope> = {
	read: m.tokens_scope_read,
	write: m.tokens_scope_write,
	export: m.tokens_scope_export
};

export const auditActionLabel: Labels<AuditAction> = {
	create: m.audit_action_create,
	update: m.audit_action_update,
	delete: m.audit_action_delete,
	sign_in: m.audit_action_sign_in,
	sign_in_failed: m.audit_action_sign_in_failed,
	sign_out: m.audit_action_sign_out,
	export: m.audit_action_export,
	view_personal: m.audit_action_view_personal,
	view_names: m.audit_action_view_names
};

/** Record types in the audit log (tables, and the datasets of exports), in words. */
const auditEntityLabel: Record<string, () => string> = {
	activities: m.audit_entity_activities,
	admin_areas: m.audit_entity_admin_areas,
	api_tokens: m.audit_entity_api_tokens,
	arrival_tallies: m.audit_entity_arrival_tallies,
	arrivals: m.audit_entity_arrivals,
	assessments: m.audit_entity_assessments,
	audit: m.audit_entity_audit,
	gaps: m.audit_entity_gaps,
	'gaps-nfi': m.audit_entity_gaps_nfi,
	locations: m.audit_entity_locations,
	manifest: m.audit_entity_manifest,
	manifests: m.audit_entity_manifests,
	nfi_catalogue: m.audit_entity_nfi_catalogue,
	organisations: m.audit_entity_organisations,
	passengers: m.audit_entity_passengers,
	password_tokens: m.audit_entity_password_tokens,
	responses: m.audit_entity_responses,
	shelter_activities: m.audit_entity_shelter_activities,
	shelter_population: m.audit_entity_shelter_population,
	shelter_sites: m.audit_entity_shelter_sites,
	sign_in_throttle: m.audit_entity_sign_in_throttle,
	'site-population': m.audit_entity_site_population,
	sitrep_shares: m.audit_entity_sitrep_shares,
	sites: m.audit_entity_sites,
	sitreps: m.audit_entity_sitreps,
	users: m.audit_entity_users
};

/** A record type in words; one this list does not know yet keeps its stored name. */
export const auditEntityName = (entity: string) => auditEntityLabel[entity]?.() ?? entity;

export const organisationTypeLabel: Labels<OrganisationType> = {
	un_agency: m.org_type_un_agency,
	international_ngo: m.org_type_international_ngo,
	ngo: m.org_type_ngo,
	government: m.org_type_government,
	red_cross: m.org_type_red_cross,
	other: m.org_type_other
};

export const responseKindLabel: Labels<ResponseKind> = {
	mass_return: m.kind_mass_return,
	flood: m.kind_flood,
	drought: m.kind_drought,
	storm: m.kind_storm,
	fire: m.kind_fire,
	epidemic: m.kind_epidemic,
	other: m.kind_other
};

export const responseAreaLabel: Labels<ResponseArea> = {
	returns: m.area_returns,
	shelter: m.area_shelter,
	assessments: m.area_assessments
};

export const responseStatusLabel: Labels<ResponseStatus> = {
	active: m.status_active,
	closed: m.status_closed
};

export const sexLabel: Labels<Sex> = { f: m.sex_female, m: m.sex_male };

export const ageBandLabel: Labels<AgeBand> = {
	'0_5': m.age_0_5,
	'6_17': m.age_6_17,
	'18_59': m.age_18_59,
	'60': m.age_60
};

export const needLabel: Labels<Need> = {
	shelter: m.assess_need_shelter,
	food: m.assess_need_food,
	water: m.assess_need_water,
	sanitation: m.assess_need_sanitation,
	health: m.assess_need_health,
	nfi: m.assess_need_nfi,
	protection: m.assess_need_protection,
	livelihoods: m.assess_need_livelihoods,
	education: m.assess_need_education
};

export const accessLabel: Labels<Access> = {
	road: m.assess_access_road,
	boat_only: m.assess_access_boat_only,
	none: m.assess_access_none
};

export const waterStateLabel: Labels<WaterState> = {
	safe: m.assess_water_safe,
	limited: m.assess_water_limited,
	contaminated: m.assess_water_contaminated,
	none: m.assess_water_none
};

export const sanitationStateLabel: Labels<SanitationState> = {
	working: m.assess_sanitation_working,
	damaged: m.assess_sanitation_damaged,
	flooded: m.assess_sanitation_flooded,
	none: m.assess_sanitation_none
};

export const needItemLabel: Labels<NeedItem> = {
	tarpaulins: m.assess_item_tarpaulins,
	tents: m.assess_item_tents,
	shelterKits: m.assess_item_shelterKits,
	familyKits: m.assess_item_familyKits,
	hygieneKits: m.assess_item_hygieneKits,
	kitchenSets: m.assess_item_kitchenSets,
	mosquitoNets: m.assess_item_mosquitoNets,
	blankets: m.assess_item_blankets,
	sleepingMats: m.assess_item_sleepingMats,
	jerryCans: m.assess_item_jerryCans,
	waterFilters: m.assess_item_waterFilters
};

export const locationSourceLabel: Labels<LocationSource> = {
	gps: m.assess_source_gps,
	map: m.assess_source_map,
	manual: m.assess_source_manual
};

/** The assessment form's plain fields by name: the form, the XForm and refusals said elsewhere. */
export const assessmentFieldLabels: Record<string, () => string> = {
	villageName: m.assess_field_village,
	observedOn: m.assess_field_observed_on,
	affectedHouseholds: m.assess_field_households,
	displacedHouseholds: m.assess_field_displaced_households,
	displacedPersons: m.assess_field_displaced_persons,
	displacedHhSites: m.assess_field_hh_sites,
	displacedHhHost: m.assess_field_hh_host,
	displacedHhRoadside: m.assess_field_hh_roadside,
	deaths: m.assess_field_deaths,
	injured: m.assess_field_injured,
	missing: m.assess_field_missing,
	houses: m.assess_field_houses,
	housesFlooded: m.assess_field_houses_flooded,
	housesDamaged: m.assess_field_houses_damaged,
	housesDestroyed: m.assess_field_houses_destroyed,
	access: m.assess_field_access,
	waterState: m.assess_field_water,
	sanitationState: m.assess_field_sanitation,
	notes: m.assess_field_notes
};
