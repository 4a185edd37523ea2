import ExcelJS from 'exceljs';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES, MODALITIES } from '$lib/domain/shelter';
import { IMPORT_COLUMNS } from '$lib/domain/shelter-import';
import { authorize } from '$lib/server/auth/guard';
import { listCatalogue } from '$lib/server/shelter';
import { listOrganisations } from '$lib/server/auth/accounts';
import type { RequestHandler } from './$types';

/** The 4W template: the expected columns, and the lists of what the coded columns accept. */
export const GET: RequestHandler = async (event) => {
	authorize(event, 'shelter.activity.import');
	const wb = new ExcelJS.Workbook();
	const sheet = wb.addWorksheet('4W');
	sheet.addRow(IMPORT_COLUMNS.map((c) => c.header)).font = { bold: true };
	IMPORT_COLUMNS.forEach((c, i) => {
		const column = sheet.getColumn(i + 1);
		column.width = Math.max(12, c.header.length + 2);
		sheet.getCell(1, i + 1).note = `${c.hint}${c.required ? ' (required)' : ''}`;
	});
	sheet.views = [{ state: 'frozen', ySplit: 1 }];
	const lists = wb.addWorksheet('Lists');
	const catalogue = listCatalogue(event.locals.db);
	const organisations = listOrganisations(event.locals.db);
	const columns: [string, string[]][] = [
		['Activity', [...ACTIVITY_TYPES]],
		['Modality', [...MODALITIES]],
		['Status', [...ACTIVITY_STATUSES]],
		['Organisation', organisations.map((o) => o.acronym)],
		['Item code', catalogue.map((c) => c.code)],
		['Item', catalogue.map((c) => `${c.nameEn} (${c.unit})`)]
	];
	lists.addRow(columns.map(([h]) => h)).font = { bold: true };
	const longest = Math.max(...columns.map(([, v]) => v.length));
	for (let i = 0; i < longest; i++) lists.addRow(columns.map(([, v]) => v[i] ?? null));
	const buffer = await wb.xlsx.writeBuffer();
	return new Response(new Uint8Array(buffer as ArrayBuffer), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': 'attachment; filename="shelter-4w-template.xlsx"'
		}
	});
};
