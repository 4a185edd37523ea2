/**
 * The lists and pure helpers of returns that pages show, without zod: a page imports them from
 * here so that its first load does not carry the schemas (`../returns.ts`, which re-exports all
 * of this).
 */
import type { AgeBand } from './people';

export const SHIFTS = ['morning', 'afternoon', 'evening', 'night'] as const;
export type Shift = (typeof SHIFTS)[number];

export const VEHICLE_KINDS = ['bus', 'truck', 'military_truck', 'van', 'boat'] as const;
export type VehicleKind = (typeof VEHICLE_KINDS)[number];

export const MANIFEST_MODES = ['named', 'headcount'] as const;
export type ManifestMode = (typeof MANIFEST_MODES)[number];

export const MANIFEST_STATUSES = ['draft', 'boarding', 'departed', 'arrived', 'cancelled'] as const;
export type ManifestStatus = (typeof MANIFEST_STATUSES)[number];

export const PASSENGER_FLAGS = [
	'disabled',
	'unaccompanied_child',
	'pregnant_lactating',
	'medical',
	'trafficking'
] as const;
export type PassengerFlag = (typeof PASSENGER_FLAGS)[number];

/** The only moves a manifest makes; nothing leaves `arrived` or `cancelled`. */
export const TRANSITIONS: Record<ManifestStatus, readonly ManifestStatus[]> = {
	draft: ['boarding', 'cancelled'],
	boarding: ['departed', 'cancelled'],
	departed: ['arrived'],
	arrived: [],
	cancelled: []
};

export function canMove(from: ManifestStatus, to: ManifestStatus): boolean {
	return TRANSITIONS[from].includes(to);
}

/** Passengers can be added or removed until the vehicle leaves. */
export const isLoading = (s: ManifestStatus) => s === 'draft' || s === 'boarding';

/** The age band of a person of `age` years. */
export function ageBand(age: number): AgeBand {
	return age <= 5 ? '0_5' : age <= 17 ? '6_17' : age <= 59 ? '18_59' : '60';
}

/**
 * One row of the reconciliation: a destination province on a day. `pcode` is null for the
 * people who crossed with no destination recorded, so that crossed is the sum of the rows.
 */
export interface ReconRow {
	pcode: string | null;
	date: string;
	crossed: number;
	dispatched: number;
	arrived: number;
}

/** People still to send (crossed, not dispatched) and not confirmed home (dispatched, not arrived). */
export function gaps(r: ReconRow): { toDispatch: number; notArrived: number } {
	return { toDispatch: r.crossed - r.dispatched, notArrived: r.dispatched - r.arrived };
}

/** A departed vehicle not confirmed home this long after leaving is overdue: someone should call. */
export const OVERDUE_HOURS = 24;

/**
 * What in a reconciliation row needs someone to act: people missing from manifests that have
 * arrived, and people on manifests overdue. People still to dispatch and trips under way are
 * the ordinary course of a return and need nobody yet.
 */
export interface ReconAttention {
	pcode: string;
	date: string;
	missing: number;
	overdue: number;
}

/** The manifest's QR payload: its code and a signature, in one URL-safe string. */
export const QR_SEPARATOR = '.';

/**
 * Where returnees are counted. A border crossing point counts people as they cross; a transit or
 * reception centre counts people who have already crossed, mostly the same people again. They
 * are different kinds of count: only crossing points add up to the people who crossed.
 */
export const RETURN_LOCATION_KINDS = ['border_crossing', 'transit_centre'] as const;
export type ReturnLocationKind = (typeof RETURN_LOCATION_KINDS)[number];
export const CROSSING_KIND: ReturnLocationKind = 'border_crossing';
