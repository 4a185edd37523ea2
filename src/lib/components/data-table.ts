import type { Snippet } from 'svelte';
import type { HTMLTdAttributes } from 'svelte/elements';

/** One column of a `DataTable`: its header, and how each row fills its cell. */
export interface Column<T> {
	/** Unique among the table's columns (Svelte keys the header cells by it). */
	key: string;
	/** The header's text; also the accessible name when `abbr` or `hidden` shortens what shows. */
	header: string;
	/** A short form shown in the header, with `header` as its expansion. */
	abbr?: string;
	/** The header is read by screen readers but not shown (a column of links or buttons). */
	hidden?: boolean;
	/** Right-aligned with tabular figures, so digits line up down the column. */
	num?: boolean;
	/** The cell is the row's header (`<th scope="row">`), read before each of its cells. */
	rowHeader?: boolean;
	/** Plain text for the cell; `cell` wins when both are given. */
	value?: (row: T) => string;
	/**
	 * The cell's content when it is more than text (links, badges, small print); it is also given
	 * the column's key, so one snippet can fill columns made from data (one per item).
	 */
	cell?: Snippet<[T, string]>;
	/** Attributes of the cell itself, such as a `title` or a `data-` hook for tests. */
	attrs?: (row: T) => HTMLTdAttributes;
}
