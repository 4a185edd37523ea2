/**
 * Rows per page. A page of the widest export (assessments, 86 columns) is about half a megabyte
 * of values: small enough to be collected young, where pages of 1,000 outlived V8's young
 * generation (1 MB with `--optimize-for-size`) and were copied to the old one, a third of the
 * export's CPU time; the extra queries cost less (SQLite's prepared statements, PostgreSQL's
 * named ones).
 */
export const PAGE_SIZE = 250;

/**
 * Rows read a page at a time after the last row's key (keyset paging), each page its own short
 * query: no statement stays open between pulls, so the shared connection serves other requests
 * while a slow client downloads, and memory holds one page. Order by an index the filters use,
 * or every page sorts the whole table again.
 */
export async function* keysetPages<Row, Key>(
	page: (after: Key | null, limit: number) => Promise<Row[]>,
	key: (row: Row) => Key,
	size = PAGE_SIZE
): AsyncGenerator<Row, void, undefined> {
	let after: Key | null = null;
	for (;;) {
		const rows = await page(after, size);
		yield* rows;
		if (rows.length < size) return;
		after = key(rows[rows.length - 1]);
	}
}

/** Every row of a source, for tests and small tables: never for an export's stream. */
export async function allRows<Row>(source: Iterable<Row> | AsyncIterable<Row>): Promise<Row[]> {
	const out: Row[] = [];
	for await (const row of source) out.push(row);
	return out;
}
