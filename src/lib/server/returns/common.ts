import { and, eq, inArray } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { responseDayProblem } from '$lib/domain/dates';
import { RETURN_LOCATION_KINDS } from '$lib/domain/returns';
import type { Db } from '$lib/server/db';
import { first } from '$lib/server/db/transaction';
import { locations, responses } from '$lib/server/db/schema';
import { fieldError } from '$lib/server/errors';

export { RETURN_LOCATION_KINDS };

async function responseDates(db: Db, responseId: number, field = 'responseId') {
	const r = await first(
		db
			.select({ startDate: responses.startDate, endDate: responses.endDate })
			.from(responses)
			.where(eq(responses.id, responseId))
	);
	if (!r) throw fieldError(field, m.error_not_found());
	return r;
}

/** A day, or an instant's day in Cambodia, inside the response's dates (its end may be open). */
export async function assertInResponse(
	db: Db,
	responseId: number,
	day: string | Date,
	field: string
) {
	const problem = responseDayProblem(day, await responseDates(db, responseId));
	if (problem) throw fieldError(field, problem);
}

/** A crossing point or transit centre that exists and is in use. */
export async function assertReturnLocation(db: Db, id: number, field: string) {
	const l = await first(
		db
			.select({ id: locations.id })
			.from(locations)
			.where(
				and(
					eq(locations.id, id),
					eq(locations.active, true),
					inArray(locations.kind, [...RETURN_LOCATION_KINDS])
				)
			)
	);
	if (!l) throw fieldError(field, m.ret_error_location());
}
