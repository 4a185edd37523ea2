/**
 * A 4W import as a job the page drives: created with the file's name and size, filled with
 * pieces of the file (each under the server's request size limit, up to `LIMITS.maxBytes` in
 * all), checked, then committed, each step running in the background in short slices while
 * the page polls its progress. Its state is in the database: any server answers the poll, a
 * cancel is a flag the job reads between slices, and an import whose server stopped is found
 * by its stale heartbeat and cleaned up.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { can, type Actor } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import { first, transaction } from '$lib/server/db/transaction';
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

/**
 * Jobs this process is running. Their heartbeat is touched on a timer as well as by their
 * progress, so a long step (a publish in one transaction) does not look like a stopped server to
 * another server; and this process's own recovery never takes them, however old the beat.
 */
const runningHere = new Map<string, Promise<void>>();

async function touch(db: Db, id: string) {
	await transaction(db, async (tx) => {
		await tx
			.update(shelterImports)
			.set({ heartbeatAt: new Date() })
			.where(and(eq(shelterImports.id, id), inArray(shelterImports.state, RUNNING)));
	});
}

export const isRunningHere = (id: string) => runningHere.has(id);

/** Runs a job's step in the background of this process; the promise never rejects. */
export function runHere(db: Db, id: string, work: () => Promise<void>): Promise<void> {
	const beat = setInterval(() => {
		touch(db, id).catch((e: unknown) => console.error(`4W import ${id}: heartbeat`, e));
	}, HEARTBEAT_MS);
	beat.unref();
	const done = work()
		.catch((e: unknown) => console.error(`4W import ${id} stopped`, e))
		.finally(() => {
			clearInterval(beat);
			runningHere.delete(id);
		});
	runningHere.set(id, done);
	return done;
}

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

export async function actorOf(db: Db, userId: number): Promise<Actor | null> {
	const u = await first(
		db
			.select({ id: users.id, role: users.role, organisationId: users.organisationId })
			.from(users)
			.where(and(eq(users.id, userId), isNull(users.disabledAt)))
	);
	return u ?? null;
}

export async function getJob(db: Db, id: string): Promise<ShelterImport | undefined> {
	return first(db.select().from(shelterImports).where(eq(shelterImports.id, id)));
}

/** The caller's own import in this response, or a not-found. */
export async function requireJob(db: Db, actor: Actor, responseId: number, id: string) {
	const job = await getJob(db, id);
	if (!job || job.userId !== actor.id || job.responseId !== responseId) {
		throw new UserError(m.shel_import_not_found(), 'not_found');
	}
	return job;
}

export async function setJob(
	db: Db,
	id: string,
	values: Partial<typeof shelterImports.$inferInsert>
) {
	await transaction(db, async (tx) => {
		await tx
			.update(shelterImports)
			.set({ ...values, heartbeatAt: new Date() })
			.where(eq(shelterImports.id, id));
	});
}

/** Moves a job from one state to another only if it is still in the first: one step at a time. */
export async function moveJob(
	db: Db,
	id: string,
	from: ImportState[],
	to: ImportState
): Promise<boolean> {
	const moved = await transaction(db, (tx) =>
		tx
			.update(shelterImports)
			.set({ state: to, heartbeatAt: new Date() })
			.where(and(eq(shelterImports.id, id), inArray(shelterImports.state, from)))
			.returning({ id: shelterImports.id })
	);
	return moved.length === 1;
}

export async function createJob(
	db: Db,
	actor: Actor,
	responseId: number,
	file: { fileName: string; size: number }
): Promise<ShelterImport> {
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
	const response = await first(
		db.select({ id: responses.id }).from(responses).where(eq(responses.id, responseId))
	);
	if (!response) throw new UserError(m.shel_error_unknown_response(), 'not_found');
	await recoverImports(db);
	return transaction(db, async (tx) => {
		const [job] = await tx
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
			.returning();
		return job;
	});
}

/** One piece of the file, at the offset the job expects (a retried piece is taken once). */
export async function appendChunk(
	db: Db,
	job: ShelterImport,
	offset: number,
	data: Uint8Array
): Promise<number> {
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
	return transaction(db, async (tx) => {
		const [{ n: seq }] = await tx
			.select({ n: count() })
			.from(shelterImportChunks)
			.where(eq(shelterImportChunks.importId, job.id));
		await tx.insert(shelterImportChunks).values({ importId: job.id, seq, data: Buffer.from(data) });
		const received = job.received + data.byteLength;
		await setJob(tx, job.id, { received });
		return received;
	});
}

/** The uploaded file, whole: at most `LIMITS.maxBytes`. */
export async function fileOf(db: Db, id: string): Promise<Buffer> {
	const parts = await db
		.select({ data: shelterImportChunks.data })
		.from(shelterImportChunks)
		.where(eq(shelterImportChunks.importId, id))
		.orderBy(asc(shelterImportChunks.seq));
	return Buffer.concat(parts.map((p) => p.data));
}

/** Asks a running job to stop; it stops at its next slice and undoes what it wrote. */
export async function requestCancel(db: Db, job: ShelterImport) {
	if (job.state === 'uploading' || job.state === 'checked') {
		await finishNow(db, job.id, 'cancelled');
		return;
	}
	if (job.state === 'checking' || job.state === 'committing') {
		await transaction(db, async (tx) => {
			await tx
				.update(shelterImports)
				.set({ cancelRequested: true })
				.where(eq(shelterImports.id, job.id));
		});
		return;
	}
	throw new UserError(m.shel_import_too_late(), 'conflict');
}

export async function cancelRequested(db: Db, id: string): Promise<boolean> {
	const job = await first(
		db
			.select({ c: shelterImports.cancelRequested })
			.from(shelterImports)
			.where(eq(shelterImports.id, id))
	);
	return !!job?.c;
}

const a = shelterActivities;
const someOf = (id: string, n: number) =>
	inArray(a.id, sql`(select ${a.id} from ${a} where ${a.pendingImportId} = ${id} limit ${n})`);

/**
 * Each step is one short transaction, saying how many rows it touched; the loops give the event
 * loop back between steps.
 */
const steps = {
	/** Removes rows an unpublished import wrote. */
	removePending: (db: Db, id: string) =>
		touched(db, (tx) => tx.delete(a).where(someOf(id, 50)).returning({ id: a.id })),
	/** Clears a published import's marks on its rows. */
	clearPending: (db: Db, id: string) =>
		touched(db, (tx) =>
			tx.update(a).set({ pendingImportId: null }).where(someOf(id, 100)).returning({ id: a.id })
		),
	dropPlan: (db: Db, id: string) =>
		touched(db, (tx) =>
			tx
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
				.returning({ row: shelterImportRows.row })
		)
};

async function touched(db: Db, write: (tx: Db) => Promise<unknown[]>): Promise<number> {
	const rows = await transaction(db, write);
	return rows.length;
}

async function repeat(step: () => Promise<number>) {
	const slice = slices();
	while ((await step()) > 0) await slice();
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
	await finishNow(db, id, state, values);
}

/** The same at once, for jobs with nothing written yet and for recovery at start-up. */
async function finishNow(
	db: Db,
	id: string,
	state: 'done' | 'failed' | 'cancelled',
	values: Partial<typeof shelterImports.$inferInsert> = {}
) {
	if (state !== 'done') while ((await steps.removePending(db, id)) > 0);
	while ((await steps.dropPlan(db, id)) > 0);
	await transaction(db, async (tx) => {
		await tx.delete(shelterImportChunks).where(eq(shelterImportChunks.importId, id));
		await setJob(tx, id, { ...values, state, cancelRequested: false });
	});
}

/**
 * Imports whose server stopped: unpublished ones are undone (their hidden rows removed), a
 * published one has its rows' marks cleared. Uploads left for a day are dropped. Any server may
 * run this (each does at start): a job is taken by one of them only, never from its runner.
 */
export async function recoverImports(db: Db, now = Date.now()) {
	const stale = await db
		.select()
		.from(shelterImports)
		.where(
			and(
				inArray(shelterImports.state, [...RUNNING, 'uploading', 'checked']),
				lt(shelterImports.heartbeatAt, new Date(now - STALE_MS))
			)
		);
	for (const job of stale) {
		const published = job.state === 'published';
		const interrupted = job.state === 'checking' || job.state === 'committing';
		const abandoned = !published && !interrupted && job.heartbeatAt.getTime() < now - 86_400_000;
		if (isRunningHere(job.id) || !(published || interrupted || abandoned)) continue;
		// Taken only if nobody touched it since it was read: another server recovering at the same
		// time, or its runner coming back, keeps it.
		const claimed = await transaction(db, (tx) =>
			tx
				.update(shelterImports)
				.set({ heartbeatAt: new Date() })
				.where(
					and(
						eq(shelterImports.id, job.id),
						eq(shelterImports.state, job.state),
						eq(shelterImports.heartbeatAt, job.heartbeatAt)
					)
				)
				.returning({ id: shelterImports.id })
		);
		if (claimed.length === 0) continue;
		if (published) {
			while ((await steps.clearPending(db, job.id)) > 0);
			await finishNow(db, job.id, 'done');
		} else if (interrupted) {
			await finishNow(db, job.id, 'failed', { error: 'interrupted' });
		} else {
			await finishNow(db, job.id, 'cancelled');
		}
	}
}

export async function statusOf(db: Db, job: ShelterImport): Promise<ImportStatus> {
	if (RUNNING.includes(job.state) && job.heartbeatAt.getTime() < Date.now() - STALE_MS) {
		await recoverImports(db);
		job = (await getJob(db, job.id)) ?? job;
	}
	// The plan is read only once checked: while a job runs, polls stay cheap.
	const planned = job.state === 'checked';
	const changedRows = !planned
		? []
		: (
				await db
					.select()
					.from(shelterImportRows)
					.where(
						and(eq(shelterImportRows.importId, job.id), eq(shelterImportRows.action, 'update'))
					)
					.orderBy(asc(shelterImportRows.row))
					.limit(200)
			).map((r) => ({
				row: r.row,
				activityId: r.targetId as number,
				matchedBy: r.matchedBy ?? '',
				changed: JSON.parse(r.changed ?? '[]') as string[]
			}));
	const matches = !planned
		? {}
		: Object.fromEntries(
				(
					await db
						.select({ by: shelterImportRows.matchedBy, n: count() })
						.from(shelterImportRows)
						.where(eq(shelterImportRows.importId, job.id))
						.groupBy(shelterImportRows.matchedBy)
				)
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
