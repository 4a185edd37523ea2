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

/** How pages are read. */
export interface KeysetOptions {
	/** Rows per page (`PAGE_SIZE` by default). */
	size?: number;
	/**
	 * Ask for the next page as soon as a page arrives, before it is handed over: the database
	 * makes page k+1 while the writer writes page k, rather than each waiting on the other (a
	 * round trip per page, which on a busy machine is also a wait to be scheduled). For a database
	 * in another process (PostgreSQL); SQLite's pages are read in the call itself, so it gains
	 * nothing there. One page more in memory; never more than one query ahead.
	 */
	ahead?: boolean;
}

/**
 * Rows read a page at a time after the last row's key (keyset paging), each page its own short
 * query: no statement stays open between pulls, so the shared connection serves other requests
 * while a slow client downloads, and memory holds one page (two, `ahead`). Order by an index the
 * filters use, or every page sorts the whole table again. Nothing is read before the first row
 * or page is asked for.
 */
export function keysetPages<Row, Key>(
	page: (after: Key | null, limit: number) => Promise<Row[]>,
	key: (row: Row) => Key,
	options: KeysetOptions | number = {}
): PagedRows<Row> {
	const { size = PAGE_SIZE, ahead = false } =
		typeof options === 'number' ? { size: options } : options;
	async function* pages(): AsyncGenerator<Row[], void, undefined> {
		let next: Promise<Row[]> | null = page(null, size);
		try {
			while (next) {
				const rows: Row[] = await next;
				next = null;
				const more = rows.length === size;
				if (more && ahead) {
					next = page(key(rows[rows.length - 1]), size);
					// Awaited when its turn comes; if the reader stops first, its failure is dropped.
					next.catch(() => {});
				}
				if (rows.length) yield rows;
				if (more && !next) next = page(key(rows[rows.length - 1]), size);
			}
		} finally {
			// A reader that stops early leaves no query behind it still running.
			if (next) await next.catch(() => {});
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
