/** Words for sex and age bands, in the reader's language. */
import { m } from '$lib/paraglide/messages.js';
import type { Labels } from '$lib/code-labels';
import type { AgeBand, Sex } from '$lib/domain/plain/people';

export const sexLabel: Labels<Sex> = { f: m.sex_female, m: m.sex_male };

export const ageBandLabel: Labels<AgeBand> = {
	'0_5': m.age_0_5,
	'6_17': m.age_6_17,
	'18_59': m.age_18_59,
	'60': m.age_60
};
