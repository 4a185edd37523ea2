/**
 * The contract for a situation report's key figures: each area provides the figures of what a
 * response holds, as they stood at the report's "as of" time, read through the area's own
 * services (the ones its pages, exports and API use). A published sitrep stores the figures it
 * got, so later data never changes it.
 */
import type { Db } from '$lib/server/db';
import type { FigureSource, KeyFigure, Label, TableLabel } from '$lib/domain/figures';
import type { ResponseArea } from '$lib/domain/responses';

export interface FigureProvider {
	/** The response area whose figures these are: a response that does not use it gets none. */
	area: ResponseArea;
	section: string;
	/**
	 * Every measure its figures carry. The consistency suite (`consistency.test.ts`) fails for a
	 * measure without its cross-checks, so a new figure cannot skip them.
	 */
	measures: readonly string[];
	/** The figures of a response as of a moment; none when the response holds no such records. */
	compute: (db: Db, responseId: number, asOf: Date) => Promise<KeyFigure[]>;
}

/** A headline figure of a section. */
export function headline(
	section: string,
	measure: string,
	label: { en: string; km: string },
	value: number,
	source: FigureSource
): KeyFigure {
	return {
		key: measure,
		measure,
		section,
		labelEn: label.en,
		labelKm: label.km,
		value,
		source
	};
}

/**
 * One cell of the breakdown `table`. Its measure is the column's unless every cell measures the
 * same thing (returnees by crossing point and day: the columns are points, not measures).
 */
export function cell(
	section: string,
	table: TableLabel,
	row: Label,
	column: Label,
	value: number,
	source: FigureSource,
	measure = `${table.key}:${column.key}`
): KeyFigure {
	return {
		key: `${table.key}.${row.key}.${column.key}`,
		measure,
		section,
		labelEn: `${table.en}: ${row.en}, ${column.en}`,
		labelKm: `${table.km}៖ ${row.km}, ${column.km}`,
		value,
		source,
		cell: { table, row, column }
	};
}

/** A message in both languages (with its inputs in each), as a figure's or table's label. */
export function bilingual<I extends object>(
	message: (inputs: I, options: { locale: 'en' | 'km' }) => string,
	inputs: I = {} as I,
	inputsKm: I = inputs
): { en: string; km: string } {
	return { en: message(inputs, { locale: 'en' }), km: message(inputsKm, { locale: 'km' }) };
}

/** A breakdown's row or column label. */
export const label = (key: string, text: { en: string; km: string }): Label => ({ key, ...text });

/** A breakdown's title and the heading of its rows. */
export const tableLabel = (
	key: string,
	title: { en: string; km: string },
	rows: { en: string; km: string }
): TableLabel => ({ key, ...title, rows });
