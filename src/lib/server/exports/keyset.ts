/**
 * Rows per page. A page of the widest export (assessments, 86 columns) is about half a megabyte
 * of values: small enough to be collected young, where pages of 1,000 outlived V8's young
 * generation (1 MB with `--optimize-for-size`) and were copied to the old one, a third of the
 * export's CPU time; the extra queries cost less (SQLite's prepared statements, PostgreSQL's
 * named ones).
 */
export const PAGE_SIZE = 250;

/** Rows that can also be read a page at a time, as the writers read them. */
export interface PagedRows<Row> extends AsyncIterable<Row> {
	pages(): AsyncGenerator<Row[], void, undefined>;
}

export function isPaged<Row>(source: unknown): source is PagedRows<Row> {
	return typeof (source as Partial<PagedRows<Row>>).pages === 'function';
}

/**
 * Rows read a page at a time after the last row's key (keyset paging), each page its own short
 * query: no statement stays open between pulls, so the shared connection serves other requests
 * while a slow client downloads, and memory holds one page. Order by an index the filters use,
 * or every page sorts the whole table again. Nothing is read before the first row or page is
 * asked for.
 */
export function keysetPages<Row, Key>(
	page: (after: Key | null, limit: number) => Promise<Row[]>,
	key: (row: Row) => Key,
	size = PAGE_SIZE
): PagedRows<Row> {
	async function* pages(): AsyncGenerator<Row[], void, undefined> {
		let after: Key | null = null;
		for (;;) {
			const rows = await page(after, size);
			if (rows.length) yield rows;
			if (rows.length < size) return;
			after = key(rows[rows.length - 1]);
		}
	}
	return {
		pages,
		async *[Symbol.asyncIterator]() {
			for await (const rows of pages()) yield* rows;
		}
	};
}

/** Every row of a source, for tests and small tables: never for an export's stream. */
export async function allRows<Row>(source: Iterable<Row> | AsyncIterable<Row>): Promise<Row[]> {
	const out: Row[] = [];
	for await (const row of source) out.push(row);
	return out;
}
