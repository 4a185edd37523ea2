/**
 * PostgreSQL's forms of the shared column helpers in `../../columns.ts`. Kinds follow what the
 * SQLite columns hold, read the same way by drizzle: timestamps (milliseconds there) are
 * `timestamptz(3)` read as Date, booleans are booleans, reals are double precision (PostgreSQL's
 * `real` would round coordinates), JSON is `json` (kept as written, key order included, so a copy
 * between the engines is exact), bytes are `bytea`.
 */
import { customType, integer, text, timestamp } from 'drizzle-orm/pg-core';
import { PEOPLE_FIELDS, type PeopleField } from '$lib/domain/people';

export function peopleCountColumns<P extends string = ''>(prefix: P = '' as P) {
	return Object.fromEntries(PEOPLE_FIELDS.map((k) => [`${prefix}${k}`, countColumn()])) as {
		[K in PeopleField as `${P}${K}`]: ReturnType<typeof countColumn>;
	};
}

function countColumn() {
	return integer().notNull().default(0);
}

/** A moment, read as a Date: SQLite's `integer({ mode: 'timestamp_ms' })`. */
export const moment = (name?: string) =>
	name
		? timestamp(name, { withTimezone: true, precision: 3, mode: 'date' })
		: timestamp({ withTimezone: true, precision: 3, mode: 'date' });

export const createdAt = () =>
	moment('created_at')
		.notNull()
		.$defaultFn(() => new Date());

export const updatedAt = () =>
	moment('updated_at')
		.notNull()
		.$defaultFn(() => new Date())
		.$onUpdateFn(() => new Date());

export const clientIdColumns = () => ({
	clientId: text(),
	contentHash: text()
});

/** Bytes as a Buffer: SQLite's `blob({ mode: 'buffer' })` (drizzle 0.45 has no `bytea`). */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
	dataType: () => 'bytea'
});
