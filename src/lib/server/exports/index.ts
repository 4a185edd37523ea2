/**
 * One export: checks the actor, the format and the filters before the first byte, records the
 * export in the audit log, then streams the file.
 */
import { m } from '$lib/paraglide/messages.js';
import { todayInCambodia } from '$lib/domain/dates';
import { isExportFormat, type ExportFormat } from '$lib/domain/exports';
import { can } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import type { SessionUser } from '$lib/server/auth/sessions';
import { recordAudit } from '$lib/server/audit';
import { transaction } from '$lib/server/db/transaction';
import { getResponse } from '$lib/server/responses';
import { UserError } from '$lib/server/errors';
import type { AnyDataset } from './registry';
import { csvStream, geojsonStream, xlsxStream, type Table } from './writers';

export { DATASETS, findDataset, type AnyDataset } from './registry';

const CONTENT_TYPES: Record<ExportFormat, string> = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	geojson: 'application/geo+json'
};

const WRITERS: Record<ExportFormat, (t: Table<unknown>) => ReadableStream<Uint8Array>> = {
	csv: csvStream,
	xlsx: xlsxStream,
	geojson: geojsonStream
};

/** `sahakar-assessments-response-2-2020-10-15.csv`: what, for which response, made when. */
function exportFileName(
	dataset: string,
	format: ExportFormat,
	responseId: number | undefined,
	day = todayInCambodia()
): string {
	const response = responseId ? `-response-${responseId}` : '';
	return `sahakar-${dataset}${response}-${day}.${format}`;
}

export interface ExportFile {
	fileName: string;
	contentType: string;
	body: ReadableStream<Uint8Array>;
}

/**
 * Validates and starts an export; throws `UserError` (403, 400, 404) before anything is written.
 * `query` is the page's or the URL's filters, `Object.fromEntries(searchParams)`.
 */
export async function startExport(
	db: Db,
	actor: SessionUser,
	dataset: AnyDataset,
	format: string,
	query: Record<string, string>
): Promise<ExportFile> {
	if (!can(actor, dataset.action, { organisationId: actor.organisationId }))
		throw new UserError(m.error_forbidden(), 'forbidden');
	if (!isExportFormat(format)) throw new UserError(m.exp_error_format({ format }), 'invalid');
	if (format === 'geojson' && !dataset.point)
		throw new UserError(m.exp_error_no_places(), 'invalid');
	const filters = dataset.filters.parse(query);
	if (filters.responseId && !(await getResponse(db, filters.responseId)))
		throw new UserError(m.exp_error_unknown_response(), 'not_found');
	const personal = dataset.personal?.(actor) ?? false;
	await transaction(db, async (tx) => {
		await recordAudit(tx, {
			userId: actor.id,
			action: 'export',
			entity: dataset.name,
			responseId: filters.responseId ?? null,
			detail: { format, filters, personal }
		});
	});
	const table: Table<unknown> = {
		name: dataset.name,
		columns: dataset.columns(actor),
		rows: await dataset.rows(db, actor, filters),
		point: dataset.point
	};
	return {
		fileName: exportFileName(dataset.name, format, filters.responseId),
		contentType: CONTENT_TYPES[format],
		body: WRITERS[format](table)
	};
}

export function exportResponse(file: ExportFile): Response {
	return new Response(file.body, {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.fileName}"`,
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}
