/**
 * The contract every exportable list meets: one `Dataset` per list, registered in the exports
 * registry, so CSV, XLSX, GeoJSON and the API all stream the same rows with the same columns.
 */
import type { z } from 'zod';
import { peopleHeader, peopleHxl } from '$lib/domain/hxl';
import { PEOPLE_FIELDS, type PeopleField } from '$lib/domain/people';
import type { Action } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import type { SessionUser } from '$lib/server/auth/sessions';

/**
 * A cell's value. A `Date` is an instant: written in Cambodia's time (ISO 8601 with `+07:00` in
 * CSV and GeoJSON, a date-time cell showing Cambodia's clock in XLSX).
 */
export type Cell = string | number | boolean | Date | null;

export interface ExportColumn<Row> {
	/** The column's header: English, stable, what scripts and Power BI key on. */
	header: string;
	/** Its HXL 1.1 hashtag with attributes, e.g. `#adm1+code` (documented in the README). */
	hxl: string;
	value: (row: Row) => Cell;
	/** `day`: the value is a calendar day `YYYY-MM-DD`, a date cell in XLSX. */
	type?: 'day';
}

/**
 * A people count's columns, one per sex and age field, headed and tagged as every export does
 * ("Reached female 18–59", `#reached+ind+f+age18_59`); `value` reads a field from a row, which
 * may hold more than one count under prefixes (`reached_f_18_59`).
 */
export function peopleColumns<Row>(
	subject: string,
	tag: string,
	value: (row: Row, field: PeopleField) => Cell
): ExportColumn<Row>[] {
	return PEOPLE_FIELDS.map((field) => ({
		header: peopleHeader(subject, field),
		hxl: peopleHxl(tag, field),
		value: (r: Row) => value(r, field)
	}));
}

/**
 * A dataset's rows: pages read one after another by an async generator (`keysetPages`), or
 * rows already at hand (a table computed whole, a prepared statement's iterator).
 */
export type RowSource<Row> = Iterable<Row> | AsyncIterable<Row>;

export interface Dataset<Row, Filters extends { responseId?: number }> {
	/** The name in `/api/v1/export/{name}.{csv|xlsx|geojson}`. */
	name: string;
	/** May the actor export this dataset at all (checked before the first byte). */
	action: Action;
	/** Parses the page's or the URL's filters (`Object.fromEntries(searchParams)`). */
	filters: z.ZodType<Filters>;
	/** The columns for this actor: personal data (names, phones) only for those allowed. */
	columns: (actor: SessionUser) => ExportColumn<Row>[];
	/** True when the actor's export holds personal data, recorded as such in the audit log. */
	personal?: (actor: SessionUser) => boolean;
	/**
	 * The rows the actor may see, in a stable order, read in batches (keyset pages or
	 * `.iterate()`): never the whole table in memory. It may first await what its pages need.
	 */
	rows: (db: Db, actor: SessionUser, filters: Filters) => RowSource<Row> | Promise<RowSource<Row>>;
	/** Where a row is, for GeoJSON: `[lon, lat]`, or null when it has no point. */
	point?: (row: Row) => [number, number] | null;
}
