/** The assessment form's fields by the names a person sees, for refusals said away from the form. */
import { m } from '$lib/paraglide/messages.js';
import { AGE_BANDS, SEXES } from '$lib/domain/people';
import { NEED_ITEMS, quantityKey } from '$lib/domain/assessments';
import { ageBandLabel, needItemLabel, sexLabel } from '$lib/labels';

const LABELS: Record<string, () => string> = {
	villageName: m.assess_field_village,
	observedOn: m.assess_field_observed_on,
	pcode: m.assess_field_pcode,
	lon: m.assess_section_where,
	lat: m.assess_section_where,
	accuracyM: m.assess_section_where,
	locationSource: m.assess_section_where,
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
	needs: m.assess_section_needs,
	notes: m.assess_field_notes,
	affected_disabled: () => `${m.assess_field_affected_persons()}: ${m.people_disabled()}`,
	...Object.fromEntries(NEED_ITEMS.map((item) => [quantityKey(item), needItemLabel[item]])),
	...Object.fromEntries(
		SEXES.flatMap((sex) =>
			AGE_BANDS.map((band) => [
				`affected_${sex}_${band}`,
				() => `${m.assess_field_affected_persons()}: ${sexLabel[sex]()}, ${ageBandLabel[band]()}`
			])
		)
	)
};

/** The label of a field named by the server (`observedOn`, `affected_f_0_5`, `needs.0`). */
export function assessmentFieldLabel(field: string): string | null {
	return (LABELS[field] ?? LABELS[field.split('.')[0]])?.() ?? null;
}
