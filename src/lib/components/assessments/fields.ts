/** The assessment form's fields by the names a person sees, for refusals said away from the form. */
import { m } from '$lib/paraglide/messages.js';
import { AGE_BANDS, SEXES } from '$lib/domain/plain/people';
import { NEED_ITEMS, quantityKey } from '$lib/domain/plain/assessments';
import { ageBandLabel, sexLabel } from '$lib/people-labels';
import { assessmentFieldLabels, needItemLabel } from '$lib/components/assessments/labels';

const LABELS: Record<string, () => string> = {
	...assessmentFieldLabels,
	pcode: m.assess_field_pcode,
	lon: m.assess_section_where,
	lat: m.assess_section_where,
	accuracyM: m.assess_section_where,
	locationSource: m.assess_section_where,
	needs: m.assess_section_needs,
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
