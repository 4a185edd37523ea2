import { and, eq, inArray } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { responseDayProblem } from '$lib/domain/dates';
import { RETURN_LOCATION_KINDS } from '$lib/domain/returns';
import type { Db } from '$lib/server/db';
import { adminAreas, locations, responses } from '$lib/server/db/schema';
import { fieldError } from '$lib/server/errors';

export { RETURN_LOCATION_KINDS };

function responseDates(db: Db, responseId: number, field = 'responseId') {
	const r = db
		.select({ startDate: responses.startDate, endDate: responses.endDate })
		.from(responses)
		.where(eq(responses.id, responseId))
		.get();
	if (!r) throw fieldError(field, m.error_not_found());
	return r;
}

/** A day, or an instant's day in Cambodia, inside the response's dates (its end may be open). */
export function assertInResponse(db: Db, responseId: number, day: string | Date, field: string) {
	const problem = responseDayProblem(day, responseDates(db, responseId));
	if (problem) throw fieldError(field, problem);
}

/** A crossing point or transit centre that exists and is in use. */
export function assertReturnLocation(db: Db, id: number, field: string) {
	const l = db
		.select({ id: locations.id })
		.from(locations)
		.where(
			and(
				eq(locations.id, id),
				eq(locations.active, true),
				inArray(locations.kind, [...RETURN_LOCATION_KINDS])
			)
		)
		.get();
	if (!l) throw fieldError(field, m.ret_error_location());
}

/** Every P-code is a known area; the message names the first unknown one's field. */
export function assertPcodes(db: Db, items: { field: string; pcode: string | null }[]) {
	const wanted = items.filter((i) => i.pcode) as { field: string; pcode: string }[];
	if (!wanted.length) return;
	const known = new Set(
		db
			.select({ pcode: adminAreas.pcode })
			.from(adminAreas)
			.where(
				inArray(
					adminAreas.pcode,
					wanted.map((w) => w.pcode)
				)
			)
			.all()
			.map((r) => r.pcode)
	);
	const bad = wanted.find((w) => !known.has(w.pcode));
	if (bad) throw fieldError(bad.field, m.error_pcode_unknown());
}
