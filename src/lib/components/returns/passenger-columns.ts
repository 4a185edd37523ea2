import type { Sex } from '$lib/domain/plain/people';
import type { PassengerFlag } from '$lib/domain/plain/returns';
import { placeWithCode } from '$lib/format';
import { sexLabel } from '$lib/people-labels';
import { m } from '$lib/paraglide/messages.js';
import type { Column } from '../data-table';
import { flagLabel } from './labels';

/** What a manifest's passenger list shows of one seat. */
export interface PassengerRow {
	seat: number;
	name: string;
	sex: Sex;
	age: number;
	destPcode: string | null;
	phone: string | null;
	flags: PassengerFlag[];
}

type Places = Record<string, { pcode: string; nameEn: string; nameKm?: string | null } | undefined>;

/**
 * The passenger list's columns, the same on the manifest page and its print: `name` says how a
 * name is shown there (the page marks those missing at arrival, the print ticks them apart).
 */
export function passengerColumns<P extends PassengerRow>(
	places: Places,
	name: (p: P) => string = (p) => p.name
): Column<P>[] {
	return [
		{ key: 'seat', header: '#', value: (p) => String(p.seat) },
		{ key: 'name', header: m.field_name(), value: name },
		{ key: 'sex', header: m.ret_field_sex(), value: (p) => sexLabel[p.sex]() },
		{ key: 'age', header: m.ret_field_age(), num: true, value: (p) => String(p.age) },
		{
			key: 'dest',
			header: m.ret_field_dest(),
			value: (p) => (p.destPcode ? placeWithCode(places[p.destPcode], p.destPcode) : '')
		},
		{ key: 'phone', header: m.ret_field_phone(), value: (p) => p.phone ?? '' },
		{
			key: 'flags',
			header: m.ret_field_flags(),
			value: (p) => p.flags.map((f) => flagLabel[f]()).join(', ')
		}
	];
}
