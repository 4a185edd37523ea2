export type SheetFormat = 'xlsx' | 'csv';
export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
	/** The row's number as the spreadsheet shows it (the first row is 1). */
	row: number;
	values: CellValue[];
}
