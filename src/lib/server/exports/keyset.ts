/**
 * Rows read a page at a time after the last row's key (keyset paging), each page its own short
 * query: no statement stays open between pulls, so the shared connection serves other requests
 * while a slow client downloads, and memory holds one page. Order by an index the filters use,
 * or every page sorts the whole table again.
 */
export function* keysetPages<Row, Key>(
	page: (after: Key | null, limit: number) => Row[],
	key: (row: Row) => Key,
	size = 1000
): Generator<Row, void, undefined> {
	let after: Key | null = null;
	for (;;) {
		const rows = page(after, size);
		yield* rows;
		if (rows.length < size) return;
		after = key(rows[rows.length - 1]);
	}
}
