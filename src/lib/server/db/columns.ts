import { integer, text } from 'drizzle-orm/sqlite-core';
import { PEOPLE_FIELDS, type PeopleField } from '$lib/domain/people';

/**
 * The integer columns of one people count (see `$lib/domain/people`). The keys are the domain's
 * field names, so a row can be handed to `peopleOf` as it is.
 */
export function peopleCountColumns<P extends string = ''>(prefix: P = '' as P) {
	return Object.fromEntries(PEOPLE_FIELDS.map((k) => [`${prefix}${k}`, countColumn()])) as {
		[K in PeopleField as `${P}${K}`]: ReturnType<typeof countColumn>;
	};
}

// Unnamed: the snake_case casing turns the key (`reached_f_0_5`) into the column name.
function countColumn() {
	return integer().notNull().default(0);
}

/** Milliseconds since the epoch, read as a Date. */
export const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.$defaultFn(() => new Date());

export const updatedAt = () =>
	integer('updated_at', { mode: 'timestamp_ms' })
		.notNull()
		.$defaultFn(() => new Date())
		.$onUpdateFn(() => new Date());

/**
 * A field record's client-made id and the SHA-256 of what was sent with it (see
 * `server/once.ts`); each table puts a unique index on the id. Empty on rows older than them.
 */
export const clientIdColumns = () => ({
	clientId: text(),
	contentHash: text()
});
