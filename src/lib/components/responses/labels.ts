/** Words for a response's kind, areas and status, in the reader's language. */
import { m } from '$lib/paraglide/messages.js';
import type { Labels } from '$lib/code-labels';
import type { ResponseArea, ResponseKind, ResponseStatus } from '$lib/domain/plain/responses';

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
