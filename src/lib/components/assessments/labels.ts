/** Words for the rapid assessment's codes and fields, in the reader's language. */
import { m } from '$lib/paraglide/messages.js';
import type { Labels } from '$lib/code-labels';
import type {
	Access,
	LocationSource,
	Need,
	NeedItem,
	SanitationState,
	WaterState
} from '$lib/domain/plain/assessments';

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
