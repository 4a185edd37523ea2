/**
 * Submissions in batches (the API's `{ "records": [...] }`, what the outbox sends): each record
 * answered as it would have been alone, all of them stored in one transaction with the writes
 * of the batch made together. A record's reads are sent with the others' (on PostgreSQL one round
 * trip for all, where one by one they were a few round trips each, all of them holding the
 * table's lock); the rows, their duplicate flags and their audit entries go in as one insert each.
 */
import { inArray, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { assessmentSchema, type Assessment } from '$lib/domain/assessments';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import { prepared, rowPlaceholders, rowsWithDefaults } from '$lib/server/db/statements';
import { retryable, transaction } from '$lib/server/db/transaction';
import { assessmentDuplicates, assessments, type AssessmentRow } from '$lib/server/db/schema';
import { recordAudits } from '$lib/server/audit';
import { issueFields, UserError } from '$lib/server/errors';
import { locateEach } from '$lib/server/places';
import {
	contentHash,
	createdEvent,
	dayRefusal,
	INSERTED,
	duplicateFlags,
	rowValues,
	sameDayAsEach,
	started,
	statements,
	submitIn,
	toRecord,
	warningsOf,
	whileHolding,
	type Arrival,
	type AssessmentRecord,
	type Days,
	type SubmitResult
} from './submit';

/** The insert of `n` new rows in one statement, built once for each `n` (`prepared`). */
const insertMany = (tx: Db, n: number) =>
	prepared(tx, `assessments.insertMany.${n}`, (db) =>
		db
			.insert(assessments)
			.values(
				Array.from(
					{ length: n },
					(_, i) => rowPlaceholders(INSERTED, i) as unknown as typeof assessments.$inferInsert
				)
			)
			.onConflictDoNothing({ target: assessments.id })
			.returning()
			.prepare()
	);

/**
 * The stored rows under `n` ids, in one statement built once for each `n` (`prepared`): a batch's
 * ids read together, where one read each cost a statement each.
 */
const byIds = (tx: Db, n: number) =>
	prepared(tx, `assessments.byIds.${n}`, (db) =>
		db
			.select()
			.from(assessments)
			.where(
				inArray(
					assessments.id,
					Array.from({ length: n }, (_, i) => sql.placeholder(`id${i}`))
				)
			)
			.prepare()
	);

/** The rows stored under any of `ids` (each once), by id. */
async function storedUnder(tx: Db, ids: string[]): Promise<Map<string, AssessmentRow>> {
	const values: Record<string, string> = {};
	ids.forEach((id, i) => (values[`id${i}`] = id));
	const rows = await started(byIds(tx, ids.length).execute(values));
	return new Map(rows.map((row) => [row.id, row]));
}

/** What became of one record of a batch: what a single submission would have answered. */
export type BatchResult =
	| (SubmitResult & { status: 200 | 201 })
	| {
			status: number;
			error: { code: string; message: string; fields?: Record<string, string> };
	  };

const refusal = ({ status, code, message, fields }: UserError): BatchResult => ({
	status,
	error: { code, message, ...(fields ? { fields } : {}) }
});

/** A reuse of an id for other content, or by someone else: what `once` refuses. */
const conflict = () => {
	const message = m.assess_error_id_conflict();
	return new UserError(message, 'conflict', { id: message });
};

/**
 * Stores a batch of validated submissions, each exactly as `submitAssessment` would (created,
 * the same again, or refused with its reason), in one transaction: a record refused writes
 * nothing and leaves the others alone, as its refusals all come before any write. When the
 * batch's writes fail unexpectedly (a bug, a constraint the checks missed), it is run again one
 * record at a time (`submitIn`, as a single submission), which finds the record: that one is
 * answered 500 (the outbox keeps it for a later try) and the others stored. Records the schema
 * refused are the caller's to answer; they never reach this. Results in the order of `inputs`.
 */
export async function submitAssessments(
	db: Db,
	actor: Actor,
	inputs: Assessment[],
	arrival: Arrival = { source: 'sahakar_form' }
): Promise<BatchResult[]> {
	const hashes = inputs.map((input) => contentHash(input));
	try {
		return await transaction(db, (tx) =>
			whileHolding(tx, () => storeTogether(tx, actor, inputs, hashes, arrival))
		);
	} catch (error) {
		// PostgreSQL's "run it again" past its bound, or a refusal of the whole: as before.
		if (error instanceof UserError || retryable(error)) throw error;
	}
	return await oneByOne(db, actor, inputs, hashes, arrival);
}

/**
 * The batch one record at a time, each as a single submission would be stored: a record whose
 * writes fail takes the transaction down, and the batch is run again without it.
 */
async function oneByOne(
	db: Db,
	actor: Actor,
	inputs: Assessment[],
	hashes: string[],
	arrival: Arrival
): Promise<BatchResult[]> {
	const failed = new Map<number, BatchResult>();
	let failing: number | undefined;
	const batchIn = async (tx: Db) => {
		const results: BatchResult[] = [];
		// A response's days are read once for the batch: nothing in it changes them.
		const daysRead = new Map<number, Days>();
		for (const [i, input] of inputs.entries()) {
			const gone = failed.get(i);
			if (gone) {
				results.push(gone);
				continue;
			}
			try {
				const result = await submitIn(tx, actor, input, hashes[i], arrival, daysRead);
				results.push({ ...result, status: result.outcome === 'created' ? 201 : 200 });
			} catch (error) {
				if (!(error instanceof UserError)) {
					failing = i;
					throw error;
				}
				results.push(refusal(error));
			}
		}
		return results;
	};
	for (;;) {
		try {
			return await transaction(db, (tx) => {
				failing = undefined;
				return whileHolding(tx, () => batchIn(tx));
			});
		} catch (error) {
			if (failing === undefined || retryable(error)) throw error;
			console.error(`assessment ${inputs[failing].id} of a batch could not be stored`, error);
			failed.set(failing, {
				status: 500,
				error: { code: 'server_error', message: m.error_api_record_failed() }
			});
		}
	}
}

/** What a record of the batch comes to once its checks are made, before the writes. */
type Decision =
	| { kind: 'refused'; error: UserError }
	| { kind: 'existing'; row: AssessmentRow }
	/** Stored by this batch: its own insert (`first`), or a repeat of an earlier record's. */
	| { kind: 'new'; first: boolean };

/**
 * The batch inside the caller's transaction, which holds the table (`oneWriterAtATime`): every
 * record's reads at once, its checks in order (a repeat of an id earlier in the batch is
 * answered as the retry it is), then one insert of the new rows, one of their duplicate flags
 * and one of their audit entries. A record's refusals are `submitIn`'s, for the same reasons and
 * in the same order: a reused id, an unknown response, a day outside it, an unknown P-code, a
 * point outside every province.
 */
async function storeTogether(
	tx: Db,
	actor: Actor,
	inputs: Assessment[],
	hashes: string[],
	arrival: Arrival
): Promise<BatchResult[]> {
	const s = statements(tx);
	// Sent together: on PostgreSQL one round trip (the driver sends a transaction's queries one
	// behind the other without waiting), after the caller's lock. The ids in one read.
	const stored = storedUnder(tx, [...new Set(inputs.map((input) => input.id))]);
	const daysRead = new Map<number, Days>();
	const daysOf = (responseId: number) => {
		let days = daysRead.get(responseId);
		if (!days) daysRead.set(responseId, (days = started(s.responseDays.execute({ responseId }))));
		return days;
	};
	const days = inputs.map((input) => daysOf(input.responseId));
	const places = locateEach(tx, inputs);
	// Not needed when the id is taken; a refusal is raised where it is awaited.
	for (const p of [stored, ...days, ...places]) p.catch(() => {});

	const decisions: Decision[] = [];
	/** The decision for each id this batch has answered, and the hash it came with. */
	const byId = new Map<string, { decision: Decision; hash: string }>();
	const fresh: { input: Assessment; hash: string; place: Awaited<(typeof places)[number]> }[] = [];
	for (const [i, input] of inputs.entries()) {
		const decision = await decide(i);
		decisions.push(decision);
		if (decision.kind !== 'refused' && !byId.has(input.id))
			byId.set(input.id, { decision, hash: hashes[i] });
	}

	async function decide(i: number): Promise<Decision> {
		const input = inputs[i];
		const earlier = byId.get(input.id);
		if (earlier) {
			if (earlier.hash !== hashes[i]) return { kind: 'refused', error: conflict() };
			return earlier.decision.kind === 'new' ? { kind: 'new', first: false } : earlier.decision;
		}
		const row = (await stored).get(input.id);
		if (row) {
			if (row.contentHash !== hashes[i] || row.submittedBy !== actor.id)
				return { kind: 'refused', error: conflict() };
			return { kind: 'existing', row };
		}
		try {
			const [response] = await days[i];
			const refused = dayRefusal(input, response);
			if (refused) return { kind: 'refused', error: refused };
			fresh.push({ input, hash: hashes[i], place: await places[i] });
			return { kind: 'new', first: true };
		} catch (error) {
			if (error instanceof UserError) return { kind: 'refused', error };
			throw error;
		}
	}

	const created = new Map<string, AssessmentRow>();
	if (fresh.length) {
		// The day's others, each read before the rows go in (so none of the batch is among them:
		// a batch is one person's, and their own are never duplicates), sent with the insert.
		const candidates = sameDayAsEach(tx, actor, fresh);
		candidates.catch(() => {});
		const rows = await insertMany(tx, fresh.length).execute(
			rowsWithDefaults(
				INSERTED,
				fresh.map(({ input, hash, place }) => rowValues(actor, input, hash, place))
			)
		);
		for (const row of rows) created.set(row.id, row);
		const flags = [];
		const events = [];
		for (const [k, { input }] of fresh.entries()) {
			const row = created.get(input.id);
			const found = (await candidates)[k];
			if (!row) continue;
			const mine = duplicateFlags(row, found);
			flags.push(...mine);
			const mismatch = (await warningsOf(tx, row)).length > 0;
			events.push(createdEvent(actor, row, arrival, mine.length, mismatch));
		}
		const writes = [
			flags.length
				? tx
						.insert(assessmentDuplicates)
						.values(flags)
						.then(() => {})
				: null,
			recordAudits(tx, events)
		];
		await Promise.all(writes);
	}

	const results: BatchResult[] = [];
	for (const [i, decision] of decisions.entries()) {
		if (decision.kind === 'refused') {
			results.push(refusal(decision.error));
			continue;
		}
		let row = decision.kind === 'existing' ? decision.row : created.get(inputs[i].id);
		let outcome: 'created' | 'existing' =
			decision.kind === 'new' && decision.first ? 'created' : 'existing';
		if (!row) {
			// Written by another server between the look and the insert (the lock makes it rare):
			// answered as `once` answers it, by what is stored under the id now.
			[row] = await s.byId.execute({ id: inputs[i].id });
			if (!row) throw new Error('a record was neither written nor found under its id');
			if (row.contentHash !== hashes[i] || row.submittedBy !== actor.id) {
				results.push(refusal(conflict()));
				continue;
			}
			outcome = 'existing';
		}
		results.push({
			outcome,
			record: toRecord(row),
			warnings: await warningsOf(tx, row),
			status: outcome === 'created' ? 201 : 200
		});
	}
	return results;
}

/** One record's answer in a batch: its id (when it has one) and what it alone would be answered. */
export type BatchAnswer = { id: string | null; status: number } & (
	| { data: AssessmentRecord; warnings: SubmitResult['warnings'] }
	| { error: Extract<BatchResult, { error: unknown }>['error'] }
);

/**
 * A batch as the API takes it (`{ "records": [...] }`, what the outbox sends): each record
 * checked against the schema on its own (a refused one answered 400 with its fields, in the
 * reader's language), the others stored together (`submitAssessments`). Answers in the order sent.
 */
export async function answerBatch(
	db: Db,
	actor: Actor,
	records: unknown[],
	arrival: Arrival
): Promise<BatchAnswer[]> {
	const parsed = records.map((record) => assessmentSchema.safeParse(record));
	const valid = parsed.flatMap((p) => (p.success ? [p.data] : []));
	const stored = valid.length ? await submitAssessments(db, actor, valid, arrival) : [];
	let next = 0;
	return parsed.map((p, i) => {
		const id = (records[i] as { id?: unknown } | null)?.id;
		const result: BatchResult = p.success
			? stored[next++]
			: {
					status: 400,
					error: {
						code: 'invalid',
						message: m.error_fix_fields(),
						fields: issueFields(p.error.issues)
					}
				};
		return {
			id: typeof id === 'string' ? id : null,
			status: result.status,
			...('error' in result
				? { error: result.error }
				: { data: result.record, warnings: result.warnings })
		};
	});
}
