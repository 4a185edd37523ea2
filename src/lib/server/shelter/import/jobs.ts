/**
 * A 4W import as a job the page drives: created with the file's name and size, filled with
 * pieces of the file (each under the server's request size limit, up to `LIMITS.maxBytes` in
 * all), checked, then committed, each step running in the background in short slices while
 * the page polls its progress. Its state is in the database: any server answers the poll, a
 * cancel is a flag the job reads between slices, and an import whose server stopped is found
 * by its stale heartbeat and cleaned up.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { can, type Actor } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import {
	responses,
	shelterActivities,
	shelterImportChunks,
	shelterImportRows,
	shelterImports,
	users,
	type ImportState,
	type ShelterImport
} from '$lib/server/db/schema';
import { UserError } from '$lib/server/errors';
import { LIMITS, formatOf, type SheetFormat } from '$lib/server/spreadsheets';
import { slices } from './slices';

/** What a browser sends in one request: well under adapter-node's default 512 kB. */
export const CHUNK_BYTES = 256 * 1024;

/** A running job touches its heartbeat at least this often… */
export const HEARTBEAT_MS = 2_000;
/** …so one untouched for this long was stopped with its server. */
export const STALE_MS = 60_000;

const RUNNING: ImportState[] = ['checking', 'committing', 'published'];

export interface ImportProblem {
	row: number | null;
	column: string | null;
	message: string;
}

export interface ColumnReport {
	header: string;
	/** The field's template header when read, null when not imported. */
	field: string | null;
	via: 'hxl' | 'header' | null;
}

export interface ChangedRow {
	row: number;
	activityId: number;
	matchedBy: string;
	changed: string[];
}

/** What the page shows; plain data. */
export interface ImportStatus {
	id: string;
	fileName: string;
	state: ImportState;
	size: number;
	received: number;
	rowsChecked: number;
	rowsSaved: number;
	created: number;
	updated: number;
	unchanged: number;
	problemCount: number;
	problems: ImportProblem[];
	columns: ColumnReport[];
	changedRows: ChangedRow[];
	matches: Record<string, number>;
	error: string | null;
}

export function actorOf(db: Db, userId: number): Actor | null {
	const u = db
		.select({ id: users.id, role: users.role, organisationId: users.organisationId })
		.from(users)
		.where(and(eq(users.id, userId), isNull(users.disabledAt)))
		.get();
	return u ?? null;
}

export function getJob(db: Db, id: string): ShelterImport | undefined {
	return db.select().from(shelterImports).where(eq(shelterImports.id, id)).get();
}

/** The caller's own import in this response, or a not-found. */
export function requireJob(db: Db, actor: Actor, responseId: number, id: string) {
	const job = getJob(db, id);
	if (!job || job.userId !== actor.id || job.responseId !== responseId) {
		throw new UserError(m.shel_import_not_found(), 'not_found');
	}
	return job;
}

export function setJob(db: Db, id: string, values: Partial<typeof shelterImports.$inferInsert>) {
	db.update(shelterImports)
		.set({ ...values, heartbeatAt: new Date() })
		.where(eq(shelterImports.id, id))
		.run();
}

/** Moves a job from one state to another only if it is still in the first: one step at a time. */
export function moveJob(db: Db, id: string, from: ImportState[], to: ImportState): boolean {
	return (
		db
			.update(shelterImports)
			.set({ state: to, heartbeatAt: new Date() })
			.where(and(eq(shelterImports.id, id), inArray(shelterImports.state, from)))
			.run().changes === 1
	);
}

export function createJob(
	db: Db,
	actor: Actor,
	responseId: number,
	file: { fileName: string; size: number }
): ShelterImport {
	if (!can(actor, 'shelter.activity.import')) throw new UserError(m.error_forbidden(), 'forbidden');
	const format: SheetFormat | null = formatOf(file.fileName);
	if (!format)
		throw new UserError(m.shel_import_bad_format(), 'invalid', {
			file: m.shel_import_bad_format()
		});
	if (!(file.size > 0)) throw new UserError(m.shel_import_choose_file(), 'invalid');
	if (file.size > LIMITS.maxBytes) {
		const message = m.shel_import_refused_too_large({ max: LIMITS.maxBytes / 1024 / 1024 });
		throw new UserError(message, 'invalid', { file: message });
	}
	const response = db
		.select({ id: responses.id })
		.from(responses)
		.where(eq(responses.id, responseId))
		.get();
	if (!response) throw new UserError(m.shel_error_unknown_response(), 'not_found');
	recoverImports(db);
	return db
		.insert(shelterImports)
		.values({
			id: randomUUID(),
			responseId,
			userId: actor.id,
			fileName: file.fileName.slice(0, 200),
			format,
			size: file.size,
			heartbeatAt: new Date()
		})
		.returning()
		.get();
}

/** One piece of the file, at the offset the job expects (a retried piece is taken once). */
export function appendChunk(db: Db, job: ShelterImport, offset: number, data: Uint8Array) {
	if (job.state !== 'uploading') throw new UserError(m.shel_import_not_uploading(), 'conflict');
	if (offset !== job.received) {
		if (offset + data.byteLength === job.received) return job.received;
		throw new UserError(m.shel_import_bad_chunk(), 'conflict');
	}
	if (
		data.byteLength === 0 ||
		data.byteLength > CHUNK_BYTES ||
		job.received + data.byteLength > job.size
	) {
		throw new UserError(m.shel_import_bad_chunk(), 'invalid');
	}
	return db.transaction((tx) => {
		const seq =
			tx
				.select({ n: sql<number>`count(*)` })
				.from(shelterImportChunks)
				.where(eq(shelterImportChunks.importId, job.id))
				.get()?.n ?? 0;
		tx.insert(shelterImportChunks)
			.values({ importId: job.id, seq, data: Buffer.from(data) })
			.run();
		const received = job.received + data.byteLength;
		setJob(tx, job.id, { received });
		return received;
	});
}

/** The uploaded file, whole: at most `LIMITS.maxBytes`. */
export function fileOf(db: Db, id: string): Buffer {
	const parts = db
		.select({ data: shelterImportChunks.data })
		.from(shelterImportChunks)
		.where(eq(shelterImportChunks.importId, id))
		.orderBy(asc(shelterImportChunks.seq))
		.all();
	return Buffer.concat(parts.map((p) => p.data));
}

/** Asks a running job to stop; it stops at its next slice and undoes what it wrote. */
export function requestCancel(db: Db, job: ShelterImport) {
	if (job.state === 'uploading' || job.state === 'checked') {
		finishNow(db, job.id, 'cancelled');
		return;
	}
	if (job.state === 'checking' || job.state === 'committing') {
		db.update(shelterImports)
			.set({ cancelRequested: true })
			.where(eq(shelterImports.id, job.id))
			.run();
		return;
	}
	throw new UserError(m.shel_import_too_late(), 'conflict');
}

export function cancelRequested(db: Db, id: string): boolean {
	return !!db
		.select({ c: shelterImports.cancelRequested })
		.from(shelterImports)
		.where(eq(shelterImports.id, id))
		.get()?.c;
}

const a = shelterActivities;
const someOf = (id: string, n: number) =>
	inArray(a.id, sql`(select ${a.id} from ${a} where ${a.pendingImportId} = ${id} limit ${n})`);

/** Each step is one short transaction; the loops give the event loop back between steps. */
const steps = {
	/** Removes rows an unpublished import wrote. */
	removePending: (db: Db, id: string) => db.delete(a).where(someOf(id, 250)).run().changes,
	/** Clears a published import's marks on its rows. */
	clearPending: (db: Db, id: string) =>
		db.update(a).set({ pendingImportId: null }).where(someOf(id, 500)).run().changes,
	dropPlan: (db: Db, id: string) =>
		db
			.delete(shelterImportRows)
			.where(
				and(
					eq(shelterImportRows.importId, id),
					inArray(
						shelterImportRows.row,
						sql`(select ${shelterImportRows.row} from ${shelterImportRows} where ${shelterImportRows.importId} = ${id} limit 1000)`
					)
				)
			)
			.run().changes
};

async function repeat(step: () => number) {
	const slice = slices();
	while (step() > 0) await slice();
}

export const clearPending = (db: Db, id: string) => repeat(() => steps.clearPending(db, id));

/** The end of a job, undoing what it wrote unless done; its counts and problems stay for the page. */
export async function finish(
	db: Db,
	id: string,
	state: 'done' | 'failed' | 'cancelled',
	values: Partial<typeof shelterImports.$inferInsert> = {}
) {
	if (state !== 'done') await repeat(() => steps.removePending(db, id));
	await repeat(() => steps.dropPlan(db, id));
	finishNow(db, id, state, values);
}

/** The same at once, for jobs with nothing written yet and for recovery at start-up. */
function finishNow(
	db: Db,
	id: string,
	state: 'done' | 'failed' | 'cancelled',
	values: Partial<typeof shelterImports.$inferInsert> = {}
) {
	if (state !== 'done') while (steps.removePending(db, id) > 0);
	while (steps.dropPlan(db, id) > 0);
	db.transaction((tx) => {
		tx.delete(shelterImportChunks).where(eq(shelterImportChunks.importId, id)).run();
		setJob(tx, id, { ...values, state, cancelRequested: false });
	});
}

/**
 * Imports whose server stopped: unpublished ones are undone (their hidden rows removed), a
 * published one has its rows' marks cleared. Uploads left for a day are dropped.
 */
export function recoverImports(db: Db, now = Date.now()) {
	const stale = db
		.select()
		.from(shelterImports)
		.where(
			and(
				inArray(shelterImports.state, [...RUNNING, 'uploading', 'checked']),
				lt(shelterImports.heartbeatAt, new Date(now - STALE_MS))
			)
		)
		.all();
	for (const job of stale) {
		if (job.state === 'published') {
			while (steps.clearPending(db, job.id) > 0);
			finishNow(db, job.id, 'done');
		} else if (job.state === 'checking' || job.state === 'committing') {
			finishNow(db, job.id, 'failed', { error: 'interrupted' });
		} else if (job.heartbeatAt.getTime() < now - 86_400_000) {
			finishNow(db, job.id, 'cancelled');
		}
	}
}

export function statusOf(db: Db, job: ShelterImport): ImportStatus {
	if (RUNNING.includes(job.state) && job.heartbeatAt.getTime() < Date.now() - STALE_MS) {
		recoverImports(db);
		job = getJob(db, job.id) ?? job;
	}
	// The plan is read only once checked: while a job runs, polls stay cheap.
	const planned = job.state === 'checked';
	const changedRows = !planned
		? []
		: db
				.select()
				.from(shelterImportRows)
				.where(and(eq(shelterImportRows.importId, job.id), eq(shelterImportRows.action, 'update')))
				.orderBy(asc(shelterImportRows.row))
				.limit(200)
				.all()
				.map((r) => ({
					row: r.row,
					activityId: r.targetId as number,
					matchedBy: r.matchedBy ?? '',
					changed: JSON.parse(r.changed ?? '[]') as string[]
				}));
	const matches = !planned
		? {}
		: Object.fromEntries(
				db
					.select({ by: shelterImportRows.matchedBy, n: sql<number>`count(*)` })
					.from(shelterImportRows)
					.where(eq(shelterImportRows.importId, job.id))
					.groupBy(shelterImportRows.matchedBy)
					.all()
					.filter((r) => r.by)
					.map((r) => [r.by as string, r.n])
			);
	return {
		id: job.id,
		fileName: job.fileName,
		state: job.state,
		size: job.size,
		received: job.received,
		rowsChecked: job.rowsChecked,
		rowsSaved: job.rowsSaved,
		created: job.created,
		updated: job.updated,
		unchanged: job.unchanged,
		problemCount: job.problemCount,
		problems: JSON.parse(job.problems) as ImportProblem[],
		columns: JSON.parse(job.columns) as ColumnReport[],
		changedRows,
		matches,
		error: job.error === 'interrupted' ? m.shel_import_interrupted() : job.error
	};
}
