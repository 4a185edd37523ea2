/** Words for the app's codes (roles, kinds, states), in the reader's language. */
import { m } from '$lib/paraglide/messages.js';
import type { OrganisationType, Role } from '$lib/domain/accounts';
import type { ResponseKind, ResponseStatus } from '$lib/domain/responses';
import type { LocationKind } from '$lib/domain/places';
import type { AgeBand, Sex } from '$lib/domain/people';

type Labels<K extends string> = Record<K, () => string>;

export const roleLabel: Labels<Role> = {
	admin: m.role_admin,
	coordinator: m.role_coordinator,
	partner: m.role_partner,
	field: m.role_field,
	viewer: m.role_viewer
};

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

export const responseStatusLabel: Labels<ResponseStatus> = {
	active: m.status_active,
	closed: m.status_closed
};

export const locationKindLabel: Labels<LocationKind> = {
	border_crossing: m.location_border_crossing,
	transit_centre: m.location_transit_centre,
	warehouse: m.location_warehouse,
	health_facility: m.location_health_facility,
	other: m.location_other
};

export const sexLabel: Labels<Sex> = { f: m.sex_female, m: m.sex_male };

export const ageBandLabel: Labels<AgeBand> = {
	'0_5': m.age_0_5,
	'6_17': m.age_6_17,
	'18_59': m.age_18_59,
	'60': m.age_60
};
