/**
 * Checking an uploaded 4W file: the columns from the hashtag row or the headers, then every row
 * through the domain's validation and matched to existing rows. Rows go to the staging table in
 * chunks as they are checked, never all kept in memory; the work runs in slices of a few
 * milliseconds so the server keeps answering everyone else.
 */
import { m } from '$lib/paraglide/messages.js';
import { can, type Actor } from '$lib/domain/policy';
import {
	IMPORT_FIELDS,
	isHashtagRow,
	matchColumns,
	type ColumnMatch
} from '$lib/domain/shelter-import';
import type { Db } from '$lib/server/db';
import { transaction } from '$lib/server/db/transaction';
import { shelterImportRows } from '$lib/server/db/schema';
import {
	LIMITS,
	SpreadsheetRefused,
	columnLetter,
	readSpreadsheet,
	type CellValue,
	type SheetRow
} from '$lib/server/spreadsheets';
import {
	HEARTBEAT_MS,
	actorOf,
	cancelRequested,
	fileOf,
	finish,
	getJob,
	setJob,
	type ColumnReport,
	type ImportProblem
} from './jobs';
import { matchRows, naturalKey } from './match';
import { isEmpty, lookups, planRow, text, type Cells, type RowPlan } from './rows';
import { slices } from './slices';

const MAX_PROBLEMS = 500;
/**
 * Rows matched and staged together, in one transaction: a few milliseconds, during which the
 * event loop serves no one else (many times that on a loaded machine).
 */
const CHUNK_ROWS = 100;
/** Rows looked at for a hashtag row (HDX files may have a title above the headers). */
const HEAD_ROWS = 10;

class Cancelled extends Error {}

/** The refusal of a whole file, in the reader's words. */
export function refusalMessage(e: SpreadsheetRefused): string {
	const mb = (n: number) => Math.round(n / 1024 / 1024);
	switch (e.reason) {
		case 'too_large':
			return m.shel_import_refused_too_large({ max: mb(LIMITS.maxBytes) });
		case 'not_zip':
			return m.shel_import_refused_not_xlsx();
		case 'encrypted':
			return m.shel_import_refused_encrypted();
		case 'too_many_entries':
		case 'entry_too_large':
		case 'too_compressed':
			return m.shel_import_refused_bomb();
		case 'shared_strings_too_large':
			return m.shel_import_refused_strings();
		case 'no_sheet':
		case 'bad_xml':
			return m.shel_import_refused_damaged();
		case 'bad_csv':
			return m.shel_import_refused_csv({ row: e.row ?? 1 });
		case 'too_many_rows':
			return m.shel_import_refused_rows({ max: LIMITS.maxRows });
		case 'too_many_columns':
			return m.shel_import_refused_columns({ max: LIMITS.maxColumns });
		case 'cell_too_long':
			return m.shel_import_refused_cell({ max: LIMITS.maxCellChars });
	}
}

/** The header row and the hashtag row under it, from the first rows of the sheet. */
function findHead(rows: SheetRow[]) {
	const texts = (r: SheetRow) => r.values.map((v) => text(v));
	const tagAt = rows.findIndex((r) => isHashtagRow(texts(r)));
	if (tagAt >= 0) {
		const above = tagAt > 0 && !isEmpty(rows[tagAt - 1].values) ? rows[tagAt - 1] : null;
		return {
			headers: above ? texts(above) : [],
			tags: texts(rows[tagAt]),
			at: rows[tagAt].row,
			headerRow: above?.row ?? rows[tagAt].row
		};
	}
	const first = rows.find((r) => !isEmpty(r.values));
	if (!first) return null;
	return { headers: texts(first), tags: null, at: first.row, headerRow: first.row };
}

/** Runs the check of an uploaded job to its end: `checked` (with or without problems), or failed. */
export async function runCheck(db: Db, id: string): Promise<void> {
	const job = await getJob(db, id);
	if (!job || job.state !== 'checking') return;
	const actor = await actorOf(db, job.userId);
	try {
		if (!actor || !can(actor, 'shelter.activity.import')) throw new Error('no longer allowed');
		await check(db, id, actor, job.responseId, await fileOf(db, id), job.format);
	} catch (e) {
		if (e instanceof Cancelled) await finish(db, id, 'cancelled');
		else if (e instanceof SpreadsheetRefused)
			await finish(db, id, 'failed', { error: refusalMessage(e) });
		else {
			console.error('4W import check failed', e);
			await finish(db, id, 'failed', { error: m.shel_import_failed_server() });
		}
	}
}

async function check(
	db: Db,
	id: string,
	actor: Actor,
	responseId: number,
	bytes: Buffer,
	format: 'xlsx' | 'csv'
) {
	const problems: ImportProblem[] = [];
	let problemCount = 0;
	const addProblem = (row: number | null, column: string | null, message: string) => {
		problemCount++;
		if (problems.length < MAX_PROBLEMS) problems.push({ row, column, message });
	};
	const look = await lookups(db, responseId);
	const slice = slices();
	let lastBeat = performance.now();
	const counts = { checked: 0, create: 0, update: 0, unchanged: 0 };
	const beat = async () => {
		if (performance.now() - lastBeat < HEARTBEAT_MS / 4) return;
		lastBeat = performance.now();
		if (await cancelRequested(db, id)) throw new Cancelled();
		await setJob(db, id, { rowsChecked: counts.checked });
	};

	const head: SheetRow[] = [];
	const sheet: { columns: ColumnMatch[] | null } = { columns: null };
	let dataFrom = 0;
	const seen = new Map<string, number>();
	let pendingEmpty: number[] = [];
	let lastRow = 0;
	let dataRows = 0;
	const labels = new Map<string, { label: string; index: number }>();
	const labelOf = (key: string | null) => {
		if (!key) return { label: null, index: -1 };
		const known = labels.get(key);
		if (known) return known;
		const field = IMPORT_FIELDS.find((f) => f.key === key);
		return { label: field?.header ?? key, index: 10_000 };
	};

	const startColumns = async (rows: SheetRow[]) => {
		const found = findHead(rows);
		if (!found) return false;
		const matched = matchColumns(found.headers, found.tags);
		const columns = (sheet.columns = matched.columns);
		for (const c of columns) {
			if (c.field && !labels.has(c.field.key)) {
				labels.set(c.field.key, { label: c.header || columnLetter(c.index), index: c.index });
			}
		}
		for (const p of matched.problems) {
			const column = p.index === null ? p.header : columnLetter(p.index);
			addProblem(
				found.headerRow,
				column,
				p.kind === 'no_header'
					? m.shel_import_merged_header({ column })
					: p.kind === 'repeated'
						? m.shel_import_repeated_column({ header: p.header })
						: m.shel_import_missing_column({ header: p.header })
			);
		}
		dataFrom = found.at + 1;
		await setJob(db, id, { columns: JSON.stringify(columnReport(columns)) });
		return matched.problems.length === 0;
	};

	/**
	 * Rows wait in a chunk: planned one by one (no query: the lookups answer), then matched to
	 * existing rows and staged for the whole chunk in one short transaction. Problems are listed
	 * in row order as each chunk ends, the empty rows above a row first.
	 */
	interface Pending {
		row: number;
		emptyBefore: number[];
		problems: { index: number; label: string | null; message: string }[];
		plan: RowPlan | null;
		sharedId: boolean;
	}
	let chunk: Pending[] = [];

	const flush = async () => {
		if (!chunk.length) return;
		const rows = chunk;
		chunk = [];
		const plans = rows.flatMap((p) => (p.plan ? [p.plan] : []));
		await transaction(db, async (tx) => {
			const matches = await matchRows(tx, actor, responseId, plans);
			const staged: (typeof shelterImportRows.$inferInsert)[] = [];
			let at = 0;
			for (const p of rows) {
				const { row, plan } = p;
				const match = plan ? matches[at++] : null;
				const fail = (message: string) => p.problems.push({ index: -1, label: null, message });
				const duplicate = (key: string, message: (first: number) => string) => {
					const first = seen.get(key);
					if (first !== undefined) fail(message(first));
					else seen.set(key, row);
					return first !== undefined;
				};
				if (match && 'problem' in match) fail(match.problem);
				if (!plan || !match || 'problem' in match) continue;
				const dup =
					p.sharedId ||
					('target' in match &&
						duplicate(`target:${match.target.id}`, (first) =>
							m.shel_import_same_target({ first, row, id: match.target.id })
						)) ||
					(match.action === 'create' &&
						!plan.rowId &&
						duplicate(`natural:${naturalKey(plan)}`, (first) =>
							m.shel_import_repeated({ row: first })
						));
				if (dup || p.problems.length) continue;
				counts[match.action]++;
				staged.push({
					importId: id,
					row,
					action: match.action,
					targetId: 'target' in match ? match.target.id : null,
					matchedBy: 'target' in match ? match.matchedBy : null,
					seenUpdatedAt: 'target' in match ? match.target.updatedAt.getTime() : null,
					importKey: plan.importKey,
					importHash: plan.importHash,
					changed: 'target' in match ? JSON.stringify(match.changed) : null,
					payload: JSON.stringify(plan.values)
				});
			}
			if (staged.length) await tx.insert(shelterImportRows).values(staged);
		});
		for (const p of rows) {
			for (const empty of p.emptyBefore) addProblem(empty, null, m.shel_import_empty_row());
			p.problems.sort((x, y) => x.index - y.index);
			for (const problem of p.problems) addProblem(p.row, problem.label, problem.message);
		}
	};

	const checkRow = async (row: number, values: CellValue[], cols: ColumnMatch[]) => {
		// The XLSX stream leaves out rows without cells: a gap in the numbers is empty rows.
		for (
			let gap = Math.max(lastRow + 1, dataFrom);
			gap < row && pendingEmpty.length < MAX_PROBLEMS;
			gap++
		)
			pendingEmpty.push(gap);
		lastRow = row;
		if (isEmpty(values)) {
			if (pendingEmpty.length < MAX_PROBLEMS) pendingEmpty.push(row);
			return;
		}
		const emptyBefore = pendingEmpty;
		pendingEmpty = [];
		if (++dataRows > LIMITS.maxRows) throw new SpreadsheetRefused('too_many_rows', row);
		counts.checked++;
		const cells: Cells = {};
		for (const c of cols) if (c.field) cells[c.field.key] = values[c.index] ?? null;
		const pending: Pending = { row, emptyBefore, problems: [], plan: null, sharedId: false };
		const fail = (key: string | null, message: string) => {
			const { label, index } = labelOf(key);
			pending.problems.push({ index, label, message });
		};
		const duplicate = (key: string, message: (first: number) => string) => {
			const first = seen.get(key);
			if (first !== undefined) fail(null, message(first));
			else seen.set(key, row);
			return first !== undefined;
		};
		// Shared ids are said as such, whatever else is wrong with either row.
		const activityId = text(cells.activityId);
		const rowId = text(cells.rowId);
		pending.sharedId =
			(!!activityId &&
				duplicate(`id:${activityId}`, (first) =>
					m.shel_import_same_activity_id({ first, row, id: activityId })
				)) ||
			(!!rowId &&
				duplicate(`row:${text(cells.organisation).toLowerCase()}:${rowId}`, (first) =>
					m.shel_import_same_row_id({ first, row, id: rowId })
				));
		pending.plan = await planRow(actor, responseId, look, cells, fail);
		chunk.push(pending);
		if (chunk.length >= CHUNK_ROWS) await flush();
	};

	const checkHead = async () => {
		if (!(await startColumns(head))) return false;
		for (const r of head) {
			if (r.row >= dataFrom) await checkRow(r.row, r.values, sheet.columns ?? []);
		}
		return true;
	};
	for await (const { row, values } of readSpreadsheet(bytes, format)) {
		await slice();
		await beat();
		if (sheet.columns) {
			await checkRow(row, values, sheet.columns);
			continue;
		}
		// Blank rows above the headers are nobody's data.
		if (!head.length && isEmpty(values)) continue;
		head.push({ row, values });
		if (head.length === HEAD_ROWS && !(await checkHead())) break;
	}
	if (!sheet.columns && head.length) await checkHead();
	await flush();
	if (!sheet.columns && !problemCount) addProblem(1, null, m.shel_import_no_header());
	else if (!problemCount && counts.checked === 0) addProblem(null, null, m.shel_import_no_rows());
	if (await cancelRequested(db, id)) throw new Cancelled();
	await finishChecked(db, id, counts, problems, problemCount, problemCount > 0);
}

async function finishChecked(
	db: Db,
	id: string,
	counts: { checked: number; create: number; update: number; unchanged: number },
	problems: ImportProblem[],
	problemCount: number,
	refused: boolean
) {
	const values = {
		rowsChecked: counts.checked,
		created: counts.create,
		updated: counts.update,
		unchanged: counts.unchanged,
		problemCount,
		problems: JSON.stringify(problems)
	};
	// With problems nothing can be committed: the plan is dropped at once.
	if (refused) await finish(db, id, 'failed', values);
	else await setJob(db, id, { ...values, state: 'checked' });
}

function columnReport(columns: ColumnMatch[]): ColumnReport[] {
	return columns
		.filter((c) => c.header)
		.map((c) => ({ header: c.header, field: c.field?.header ?? null, via: c.via }));
}
