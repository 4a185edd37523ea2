/**
 * A situation report's key figures as stored with it, and how they are laid out: per section,
 * the headline figures as a list and each breakdown (by crossing point and day, by province, by
 * sex and age) as a table. The page, the print page, the PDF and the DOCX all lay them out here.
 */

/** Where a figure's rows are: a dataset of the exports and its filters (traceability). */
export interface FigureSource {
	dataset: string;
	filters: Record<string, string>;
}

/** A label in both languages, kept with the figure so a frozen report reads the same later. */
export interface Label {
	key: string;
	en: string;
	km: string;
}

/** A breakdown's title, with the heading of its rows' labels. */
export interface TableLabel extends Label {
	rows: { en: string; km: string };
}

/** One cell of a breakdown: the table it belongs to, and its row and column. */
export interface FigureCell {
	table: TableLabel;
	row: Label;
	column: Label;
}

export interface KeyFigure {
	/** Stable within the report, e.g. `returns.crossed`, `returns.by-destination.KH03.crossed`. */
	key: string;
	/**
	 * What is measured, the same for every cell of a breakdown's column (`returns.by-destination:
	 * crossed`): the consistency suite checks each measure in every view. Reports published
	 * before measures existed have none.
	 */
	measure?: string;
	/** The heading it is shown under, e.g. `returns`, `shelter`, `assessments`. */
	section: string;
	labelEn: string;
	labelKm: string;
	value: number;
	source: FigureSource;
	/** Set on a breakdown's cell; headline figures have none. */
	cell?: FigureCell;
}

export interface FigureTable {
	key: string;
	title: string;
	/** The heading of the rows' labels (day, province, crossing point…). */
	rowsHeading: string;
	columns: string[];
	rows: { key: string; label: string; values: (number | null)[] }[];
}

export interface FigureSection {
	section: string;
	headline: KeyFigure[];
	tables: FigureTable[];
}

/** The figures as sections of headline figures and tables, labelled in one language. */
export function figureSections(figures: readonly KeyFigure[], km: boolean): FigureSection[] {
	const text = (l: Label) => (km ? l.km : l.en);
	const sections = new Map<
		string,
		{ headline: KeyFigure[]; cells: (FigureCell & { value: number })[] }
	>();
	for (const f of figures) {
		const s = sections.get(f.section) ?? { headline: [], cells: [] };
		if (f.cell) s.cells.push({ ...f.cell, value: f.value });
		else s.headline.push(f);
		sections.set(f.section, s);
	}
	return [...sections].map(([section, { headline, cells }]) => {
		const tables = new Map<string, { table: TableLabel; columns: Label[]; rows: Label[] }>();
		const values = new Map<string, number>();
		for (const { table, row, column, value } of cells) {
			const t = tables.get(table.key) ?? { table, columns: [], rows: [] };
			if (!t.columns.some((c) => c.key === column.key)) t.columns.push(column);
			if (!t.rows.some((r) => r.key === row.key)) t.rows.push(row);
			tables.set(table.key, t);
			values.set(`${table.key}|${row.key}|${column.key}`, value);
		}
		return {
			section,
			headline,
			tables: [...tables].map(([key, t]) => ({
				key,
				title: text(t.table),
				rowsHeading: km ? t.table.rows.km : t.table.rows.en,
				columns: t.columns.map(text),
				rows: t.rows.map((r) => ({
					key: r.key,
					label: text(r),
					values: t.columns.map((c) => values.get(`${key}|${r.key}|${c.key}`) ?? null)
				}))
			}))
		};
	});
}

/** The cells of one table as row key → column key → value, for charts and maps. */
export function tableValues(
	figures: readonly KeyFigure[],
	table: string
): Map<string, Map<string, number>> {
	const out = new Map<string, Map<string, number>>();
	for (const f of figures) {
		if (f.cell?.table.key !== table) continue;
		const row = out.get(f.cell.row.key) ?? new Map<string, number>();
		row.set(f.cell.column.key, f.value);
		out.set(f.cell.row.key, row);
	}
	return out;
}
