import { AGE_BANDS, type PeopleCell, type Sex } from '$lib/domain/plain/people';
import { formatNumber } from '$lib/format';
import { ageBandLabel, sexLabel } from '$lib/people-labels';
import { m } from '$lib/paraglide/messages.js';
import type { Column } from './data-table';

/**
 * The sex-by-age table's columns (one row per sex): the dashboard, a manifest and its print
 * show a count so.
 */
export function sexAgeColumns(people: Record<PeopleCell, number>): Column<Sex>[] {
	return [
		{
			key: 'sex',
			header: m.ret_field_sex(),
			hidden: true,
			rowHeader: true,
			value: (s) => sexLabel[s]()
		},
		...AGE_BANDS.map((b) => ({
			key: b,
			header: ageBandLabel[b](),
			num: true,
			value: (s: Sex) => formatNumber(people[`${s}_${b}`])
		}))
	];
}
