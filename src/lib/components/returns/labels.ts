/** Words for the mass return's codes, in the reader's language. */
import { m } from '$lib/paraglide/messages.js';
import type { Labels } from '$lib/code-labels';
import type {
	ManifestMode,
	ManifestStatus,
	PassengerFlag,
	Shift,
	VehicleKind
} from '$lib/domain/plain/returns';

export const shiftLabel: Labels<Shift> = {
	morning: m.ret_shift_morning,
	afternoon: m.ret_shift_afternoon,
	evening: m.ret_shift_evening,
	night: m.ret_shift_night
};

export const vehicleLabel: Labels<VehicleKind> = {
	bus: m.ret_vehicle_bus,
	truck: m.ret_vehicle_truck,
	military_truck: m.ret_vehicle_military_truck,
	van: m.ret_vehicle_van,
	boat: m.ret_vehicle_boat
};

export const statusLabel: Labels<ManifestStatus> = {
	draft: m.ret_status_draft,
	boarding: m.ret_status_boarding,
	departed: m.ret_status_departed,
	arrived: m.ret_status_arrived,
	cancelled: m.ret_status_cancelled
};

export const modeLabel: Labels<ManifestMode> = {
	named: m.ret_mode_named,
	headcount: m.ret_mode_headcount
};

export const flagLabel: Labels<PassengerFlag> = {
	disabled: m.ret_flag_disabled,
	unaccompanied_child: m.ret_flag_unaccompanied_child,
	pregnant_lactating: m.ret_flag_pregnant_lactating,
	medical: m.ret_flag_medical,
	trafficking: m.ret_flag_trafficking
};

export const returnKindLabel: Labels<'border_crossing' | 'transit_centre'> = {
	border_crossing: m.ret_kind_border_crossing,
	transit_centre: m.ret_kind_transit_centre
};
