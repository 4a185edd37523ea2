/**
 * Committing a checked import without holding the database for seconds, and all or nothing:
 *
 * 1. new rows move from the staging table into `shelter_activities` a few tens per short
 *    transaction, marked with the import's id, which keeps them out of every list;
 * 2. one short transaction re-checks the importer's rights and every row to change (still
 *    theirs to edit, unchanged since the check), applies the changes with their audit
 *    entries, and publishes the import: its new rows become visible together;
 * 3. the marks are cleared in the background.
 *
 * A refusal, a cancel or a server stopped before step 2 leaves nothing visible, and the hidden
 * rows are removed (at once, or by `recoverImports` when the server comes back).
 */
import { and, asc, count, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { can, type Actor } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import { first, transaction } from '$lib/server/db/transaction';
import { isUniqueViolation } from '$lib/server/db/unique';
import {
	shelterActivities,
	shelterActivityItems,
	shelterImportRows,
	type ShelterImport
} from '$lib/server/db/schema';
import { changedFields, recordAudit } from '$lib/server/audit';
import { UserError } from '$lib/server/errors';
import { itemsOf } from '../activities';
import { joinSums, leaveSums } from '../sums';
import type { ActivityValues } from '../activities';
import {
	actorOf,
	cancelRequested,
	clearPending,
	finish,
	getJob,
	setJob,
	type ImportProblem
} from './jobs';
import { slices } from './slices';

const MOVE_BATCH = 50;

type Values = ActivityValues;

class Refused extends Error {
	constructor(readonly problems: ImportProblem[]) {
		super('import refused at commit');
	}
}
class Cancelled extends Error {}

/**
 * One new row's insert, built once per batch and run for each row: building the SQL of a
 * 45-column insert (and the garbage it leaves) was most of what a row cost. The row's columns
 * are those `activityValues` gives, the same for every row.
 */
function rowInsert(tx: Db, columns: string[]) {
	const values = Object.fromEntries(
		[...columns, 'importKey', 'importHash', 'pendingImportId', 'createdBy'].map((c) => [
			c,
			sql.placeholder(c)
		])
	) as unknown as typeof shelterActivities.$inferInsert;
	return tx
		.insert(shelterActivities)
		.values(values)
		.returning({ id: shelterActivities.id })
		.prepare();
}

/** Runs the commit of a job in `committing` to `done`, or undoes it. */
export async function runCommit(db: Db, id: string): Promise<void> {
	const job = await getJob(db, id);
	if (!job || job.state !== 'committing') return;
	try {
		await moveNewRows(db, job);
		await publish(db, job);
	} catch (e) {
		if (e instanceof Cancelled) return finish(db, id, 'cancelled', { rowsSaved: 0 });
		if (e instanceof Refused) {
			return finish(db, id, 'failed', {
				rowsSaved: 0,
				problemCount: e.problems.length,
				problems: JSON.stringify(e.problems.slice(0, 500))
			});
		}
		const message =
			e instanceof UserError
				? e.message
				: isUniqueViolation(e)
					? m.shel_import_busy()
					: m.shel_import_failed_server();
		if (!(e instanceof UserError) && !isUniqueViolation(e))
			console.error('4W import commit failed', e);
		return finish(db, id, 'failed', { rowsSaved: 0, error: message });
	}
	await clearPending(db, id);
	await finish(db, id, 'done');
}

/** Step 1: new rows into the table, hidden, in short transactions with the event loop free between. */
export async function moveNewRows(db: Db, job: ShelterImport) {
	const slice = slices();
	let saved = 0;
	let after = 0;
	for (;;) {
		await slice();
		if (await cancelRequested(db, job.id)) throw new Cancelled();
		const batch = await db
			.select({
				row: shelterImportRows.row,
				importKey: shelterImportRows.importKey,
				importHash: shelterImportRows.importHash,
				payload: shelterImportRows.payload
			})
			.from(shelterImportRows)
			.where(
				and(
					eq(shelterImportRows.importId, job.id),
					eq(shelterImportRows.action, 'create'),
					isNull(shelterImportRows.targetId),
					gt(shelterImportRows.row, after)
				)
			)
			.orderBy(asc(shelterImportRows.row))
			.limit(MOVE_BATCH);
		if (!batch.length) return;
		await transaction(db, async (tx) => {
			const rows = batch.map((staged) => ({
				staged,
				values: JSON.parse(staged.payload) as Values
			}));
			const insert = rowInsert(tx, Object.keys(rows[0].values.row));
			const ids = new Map<number, number>();
			for (const { staged, values } of rows) {
				const [{ id }] = await insert.execute({
					...values.row,
					importKey: staged.importKey,
					importHash: staged.importHash,
					pendingImportId: job.id,
					createdBy: job.userId
				});
				ids.set(staged.row, id);
			}
			const idOf = (staged: (typeof batch)[number]) => ids.get(staged.row) as number;
			const lines = rows.flatMap(({ staged, values }) =>
				values.items.map((l) => ({ activityId: idOf(staged), ...l }))
			);
			for (let i = 0; i < lines.length; i += MOVE_BATCH) {
				await tx.insert(shelterActivityItems).values(lines.slice(i, i + MOVE_BATCH));
			}
			const rowCol = shelterImportRows.row;
			await tx
				.update(shelterImportRows)
				.set({
					targetId: sql`case ${rowCol} ${sql.join(
						batch.map((staged) => sql`when ${staged.row} then cast(${idOf(staged)} as integer)`),
						sql` `
					)} end`
				})
				.where(
					and(
						eq(shelterImportRows.importId, job.id),
						inArray(
							rowCol,
							batch.map((staged) => staged.row)
						)
					)
				);
			saved += batch.length;
			await setJob(tx, job.id, { rowsSaved: saved });
		});
		after = batch[batch.length - 1].row;
	}
}

/**
 * Step 2, one transaction: the importer may still import, each row to change is still theirs
 * to edit and untouched since the check; then the changes, their audit, and the switch.
 */
async function publish(db: Db, job: ShelterImport) {
	await transaction(db, async (tx) => {
		const actor: Actor | null = await actorOf(tx, job.userId);
		if (!actor || !can(actor, 'shelter.activity.import')) {
			throw new UserError(m.shel_import_not_allowed_now(), 'forbidden');
		}
		const problems: ImportProblem[] = [];
		const orgs = await tx
			.selectDistinct({ id: shelterActivities.organisationId })
			.from(shelterActivities)
			.where(eq(shelterActivities.pendingImportId, job.id));
		if (orgs.some((o) => !can(actor, 'shelter.activity.create', { organisationId: o.id }))) {
			throw new UserError(m.shel_import_not_allowed_now(), 'forbidden');
		}
		const updates = await tx
			.select()
			.from(shelterImportRows)
			.where(and(eq(shelterImportRows.importId, job.id), eq(shelterImportRows.action, 'update')))
			.orderBy(asc(shelterImportRows.row));
		for (const staged of updates) {
			const id = staged.targetId as number;
			const before = await first(
				tx.select().from(shelterActivities).where(eq(shelterActivities.id, id))
			);
			const resource = before && {
				organisationId: before.organisationId,
				status: before.reviewState
			};
			if (
				!before ||
				!can(actor, 'shelter.activity.edit', resource) ||
				before.updatedAt.getTime() !== staged.seenUpdatedAt
			) {
				problems.push({
					row: staged.row,
					column: null,
					message: m.shel_import_changed_since({ id })
				});
				continue;
			}
			const values = JSON.parse(staged.payload) as Values;
			const beforeItems = await itemsOf(tx, id);
			await leaveSums(tx, { id });
			await tx
				.update(shelterActivities)
				.set({ ...values.row, importHash: staged.importHash })
				.where(eq(shelterActivities.id, id));
			await tx.delete(shelterActivityItems).where(eq(shelterActivityItems.activityId, id));
			if (values.items.length) {
				await tx
					.insert(shelterActivityItems)
					.values(values.items.map((l) => ({ activityId: id, ...l })));
			}
			await joinSums(tx, { id });
			await recordAudit(tx, {
				userId: actor.id,
				action: 'update',
				entity: 'shelter_activities',
				entityId: id,
				responseId: job.responseId,
				...changedFields({ ...before, items: beforeItems }, { ...values.row, items: values.items }),
				detail: { import: job.fileName, row: staged.row, matchedBy: staged.matchedBy }
			});
		}
		if (problems.length) throw new Refused(problems);
		const [{ n: created }] = await tx
			.select({ n: count() })
			.from(shelterActivities)
			.where(eq(shelterActivities.pendingImportId, job.id));
		await recordAudit(tx, {
			userId: actor.id,
			action: 'create',
			entity: 'shelter_activities',
			responseId: job.responseId,
			detail: { import: job.fileName, created, updated: updates.length, unchanged: job.unchanged }
		});
		await setJob(tx, job.id, {
			state: 'published',
			rowsSaved: created + updates.length,
			created,
			updated: updates.length
		});
		// Published, the new rows count from now on: the sums take them in the same transaction.
		await joinSums(tx, { importId: job.id });
	});
}
