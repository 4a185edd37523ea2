/**
 * Taking in a submission exactly once (see `once.ts`: the device's id and a hash of the
 * content), after the checks only the server can make: the response's dates, the P-code, the
 * point inside Cambodia's shapes; and flagging likely duplicates of another team's.
 */
import { and, eq, getTableColumns, gte, lte, ne, or, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import {
	DUPLICATE_RADIUS_M,
	affectedPersons,
	distanceM,
	type Assessment,
	type SubmissionSource
} from '$lib/domain/assessments';
import { responseDayProblem } from '$lib/domain/dates';
import { areaKeys, areasDisagree, pcodeLevel } from '$lib/domain/places';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import { placeholders, prepared, withDefaults } from '$lib/server/db/statements';
import { oneWriterAtATime, transaction } from '$lib/server/db/transaction';
import {
	assessmentDuplicates,
	assessments,
	responses,
	type AssessmentRow
} from '$lib/server/db/schema';
import { recordAudit, type AuditInput } from '$lib/server/audit';
import { fieldError, UserError } from '$lib/server/errors';
import { contentHash, once, type Outcome } from '$lib/server/once';
import { getArea, locate, type Located } from '$lib/server/places';

/** What the API answers: the stored row as it is, without the hash. */
export type AssessmentRecord = Omit<AssessmentRow, 'contentHash' | 'receivedAt'> & {
	receivedAt: string;
};

export function toRecord(row: AssessmentRow): AssessmentRecord {
	const { contentHash: _hash, receivedAt, ...rest } = row;
	return { ...rest, receivedAt: receivedAt.toISOString() };
}

export { contentHash };

/** Something stored as given that a person should look at again. */
export interface SubmitWarning {
	code: 'area_point_mismatch';
	message: string;
	fields: Record<string, string>;
}

export interface SubmitResult {
	/** `created` the first time (HTTP 201), `existing` for a repeat of the same submission (200). */
	outcome: Outcome;
	record: AssessmentRecord;
	warnings: SubmitWarning[];
}

/** The given area and the point's disagree: both are kept, and the submitter is told. */
export async function warningsOf(
	db: Db,
	row: Pick<AssessmentRow, 'pcodeSource' | 'pcode' | 'pointPcode'>
): Promise<SubmitWarning[]> {
	if (row.pcodeSource !== 'given' || !areasDisagree(row.pcode, row.pointPcode)) return [];
	const text = async (pcode: string) => {
		const n = await getArea(db, pcode);
		return n ? `${getLocale() === 'km' ? n.nameKm : n.nameEn} (${pcode})` : pcode;
	};
	const message = m.assess_warning_area_point({
		given: await text(row.pcode ?? ''),
		point: await text(row.pointPcode ?? '')
	});
	return [{ code: 'area_point_mismatch', message, fields: { pcode: message } }];
}

/**
 * Runs a query now, once, as a promise of its rows. Drizzle's SQLite results are lazy and run
 * their query again at every `then` (a `.catch(() => {})` included): a read started early and
 * awaited later ran twice on SQLite. PostgreSQL's are already promises, sent when made.
 */
export const started = <T>(query: PromiseLike<T>): Promise<T> =>
	Promise.resolve(query.then((rows) => rows));

/** Degrees of latitude (and, generously, longitude at Cambodia's latitudes) in the radius. */
const RADIUS_DEG = (DUPLICATE_RADIUS_M / 111_000) * 1.1;

/** Every column but the one the database numbers (`seq`): what a prepared insert fills. */
export const { seq: _seq, ...INSERTED } = getTableColumns(assessments);

/**
 * The statements of a submission, each built once (`prepared`): building their SQL anew for
 * every submission cost more than running them. No `limit`: both reads are by a unique key, and
 * on SQLite a `limit ?` (Drizzle binds the number) makes each run compile the statement again
 * (a bound value the plan may depend on), ~40 µs a read with every column of `assessments`.
 */
/** What the duplicate check reads of another assessment. */
const CANDIDATE = {
	seq: assessments.seq,
	pcode: assessments.pcode,
	lon: assessments.lon,
	lat: assessments.lat
};

export const statements = (tx: Db) =>
	prepared(tx, 'assessments.submit', (db) => {
		const p = sql.placeholder;
		return {
			byId: db
				.select()
				.from(assessments)
				.where(eq(assessments.id, p('id')))
				.prepare(),
			responseDays: db
				.select({ startDate: responses.startDate, endDate: responses.endDate })
				.from(responses)
				.where(eq(responses.id, p('responseId')))
				.prepare(),
			insert: db
				.insert(assessments)
				.values(placeholders(INSERTED) as unknown as typeof assessments.$inferInsert)
				.onConflictDoNothing({ target: assessments.id })
				.returning()
				.prepare(),
			// Only those of the commune or of the box around the point can be flagged (below):
			// the day's others are not read. Run before the new row is inserted. Two reads, as
			// neither engine answers "this commune or this box" from an index: each half from its
			// own, (response, day, commune) and (response, day, latitude).
			sameDayNear: db
				.select(CANDIDATE)
				.from(assessments)
				.where(
					and(
						eq(assessments.responseId, p('responseId')),
						eq(assessments.observedOn, p('observedOn')),
						sql`${assessments.lat} between ${p('south')} and ${p('north')}`,
						sql`${assessments.lon} between ${p('west')} and ${p('east')}`,
						ne(assessments.submittedBy, p('submittedBy'))
					)
				)
				.prepare(),
			sameDayCommune: db
				.select(CANDIDATE)
				.from(assessments)
				.where(
					and(
						eq(assessments.responseId, p('responseId')),
						eq(assessments.observedOn, p('observedOn')),
						eq(assessments.pcode, p('commune')),
						ne(assessments.submittedBy, p('submittedBy'))
					)
				)
				.prepare()
		};
	});

/** The box around a point whose others of the day are read (`RADIUS_DEG` each way). */
const boxAround = ({ lon, lat }: { lon: number; lat: number }) => ({
	south: lat - RADIUS_DEG,
	north: lat + RADIUS_DEG,
	west: lon - RADIUS_DEG,
	east: lon + RADIUS_DEG
});

const communeOf = (row: Pick<AssessmentRow, 'pcode'>) =>
	row.pcode && pcodeLevel(row.pcode) === 3 ? row.pcode : null;

/**
 * The stored assessments of the same day, commune or box around the point by someone else than
 * `actor`, in the order they arrived: the candidates for a new submission's duplicate flags,
 * `input`'s day and point, in the area it was located in (`locate`). Both reads are sent at once
 * (one round trip on PostgreSQL).
 */
export function sameDayAs(
	tx: Db,
	actor: Pick<Actor, 'id'>,
	input: Pick<Assessment, 'responseId' | 'observedOn' | 'lon' | 'lat'>,
	place: Pick<Located, 'pcode'>
) {
	const s = statements(tx);
	const day = {
		responseId: input.responseId,
		observedOn: input.observedOn,
		submittedBy: actor.id
	};
	const near = started(s.sameDayNear.execute({ ...day, ...boxAround(input) }));
	const commune = communeOf(place);
	const inCommune = commune ? started(s.sameDayCommune.execute({ ...day, commune })) : null;
	near.catch(() => {});
	return (async () => {
		const bySeq = new Map((await near).map((c) => [c.seq, c]));
		for (const c of (await inCommune) ?? []) bySeq.set(c.seq, c);
		return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
	})();
}

/** A stored assessment a new one may be flagged against, with its day (`sameDayAsEach`). */
const CANDIDATE_OF_DAY = {
	...CANDIDATE,
	responseId: assessments.responseId,
	observedOn: assessments.observedOn
};

/**
 * One read of the same day's others for `n` submissions at once (the `sameDayNear` of each, or
 * its `sameDayCommune` when `commune`), built once for each `n`: `r`, `d` and the box or commune
 * of each numbered from 0. Each term is answered from its index, as a submission's own read.
 */
const sameDayAny = (tx: Db, n: number, commune: boolean) =>
	prepared(tx, `assessments.sameDay${commune ? 'Commune' : 'Near'}Any.${n}`, (db) => {
		const p = sql.placeholder;
		const terms = Array.from({ length: n }, (_, i) =>
			and(
				eq(assessments.responseId, p(`r${i}`)),
				eq(assessments.observedOn, p(`d${i}`)),
				...(commune
					? [eq(assessments.pcode, p(`c${i}`))]
					: [
							sql`${assessments.lat} between ${p(`s${i}`)} and ${p(`n${i}`)}`,
							sql`${assessments.lon} between ${p(`w${i}`)} and ${p(`e${i}`)}`
						])
			)
		);
		return db
			.select(CANDIDATE_OF_DAY)
			.from(assessments)
			.where(and(ne(assessments.submittedBy, p('submittedBy')), or(...terms)))
			.prepare();
	});

/**
 * `sameDayAs` for several new submissions of `actor` at once (a batch's), each answered with
 * exactly what its own `sameDayAs` would read, in two reads for all of them rather than two
 * each: the boxes' and the communes'. Read before any of them is stored.
 */
export function sameDayAsEach(
	tx: Db,
	actor: Pick<Actor, 'id'>,
	items: {
		input: Pick<Assessment, 'responseId' | 'observedOn' | 'lon' | 'lat'>;
		place: Pick<Located, 'pcode'>;
	}[]
): Promise<Awaited<ReturnType<typeof sameDayAs>>[]> {
	const boxes = items.map(({ input }) => boxAround(input));
	const near: Record<string, unknown> = { submittedBy: actor.id };
	items.forEach(({ input }, i) => {
		const { south, north, west, east } = boxes[i];
		Object.assign(near, {
			[`r${i}`]: input.responseId,
			[`d${i}`]: input.observedOn,
			[`s${i}`]: south,
			[`n${i}`]: north,
			[`w${i}`]: west,
			[`e${i}`]: east
		});
	});
	const communes = items.map(({ place }) => communeOf(place));
	const inCommune = items.filter((_, i) => communes[i] !== null);
	const byCommune: Record<string, unknown> = { submittedBy: actor.id };
	inCommune.forEach(({ input, place }, i) => {
		Object.assign(byCommune, {
			[`r${i}`]: input.responseId,
			[`d${i}`]: input.observedOn,
			[`c${i}`]: place.pcode
		});
	});
	const nearRead = items.length
		? started(sameDayAny(tx, items.length, false).execute(near))
		: Promise.resolve([]);
	const communeRead = inCommune.length
		? started(sameDayAny(tx, inCommune.length, true).execute(byCommune))
		: Promise.resolve([]);
	nearRead.catch(() => {});
	return (async () => {
		const nearRows = await nearRead;
		const communeRows = await communeRead;
		return items.map(({ input }, i) => {
			const { south, north, west, east } = boxes[i];
			const sameDay = (c: (typeof nearRows)[number]) =>
				c.responseId === input.responseId && c.observedOn === input.observedOn;
			const bySeq = new Map<number, Awaited<ReturnType<typeof sameDayAs>>[number]>();
			for (const c of nearRows) {
				if (sameDay(c) && c.lat >= south && c.lat <= north && c.lon >= west && c.lon <= east)
					bySeq.set(c.seq, { seq: c.seq, pcode: c.pcode, lon: c.lon, lat: c.lat });
			}
			const commune = communes[i];
			if (commune !== null) {
				for (const c of communeRows) {
					if (sameDay(c) && c.pcode === commune)
						bySeq.set(c.seq, { seq: c.seq, pcode: c.pcode, lon: c.lon, lat: c.lat });
				}
			}
			return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
		});
	})();
}

/**
 * The likely duplicates of `row` among `candidates` (`sameDayAs`, read before `row` was stored):
 * earlier assessments of the same day and place by someone else, as the flags to store.
 */
export function duplicateFlags(
	row: AssessmentRow,
	candidates: Awaited<ReturnType<typeof sameDayAs>>
): (typeof assessmentDuplicates.$inferInsert)[] {
	const commune = communeOf(row);
	const flags = [];
	for (const c of candidates) {
		const near =
			Math.abs(c.lat - row.lat) <= RADIUS_DEG && Math.abs(c.lon - row.lon) <= RADIUS_DEG
				? distanceM(row.lon, row.lat, c.lon, c.lat)
				: Infinity;
		const sameCommune = commune !== null && c.pcode === commune;
		if (!sameCommune && near > DUPLICATE_RADIUS_M) continue;
		flags.push({
			assessmentSeq: row.seq,
			otherSeq: c.seq,
			reason: near <= DUPLICATE_RADIUS_M ? ('nearby' as const) : ('same_commune' as const),
			distanceM: Math.round(distanceM(row.lon, row.lat, c.lon, c.lat))
		});
	}
	return flags;
}

/** How a submission reached the server, kept in the audit log with it. */
export interface Arrival {
	source: SubmissionSource;
	/** What the channel adds: the form version, the KoBo record, ... */
	detail?: Record<string, unknown>;
}

/**
 * Stores a validated submission once. A repeat of the same id and content by the same person
 * gets the stored record back; the same id with other content is a conflict (409). Refusals
 * write nothing.
 */
export async function submitAssessment(
	db: Db,
	actor: Actor,
	input: Assessment,
	arrival: Arrival = { source: 'sahakar_form' }
): Promise<SubmitResult> {
	const hash = contentHash(input);
	return await transaction(db, (tx) =>
		// The duplicate check reads the day's assessments this one joins.
		whileHolding(tx, () => submitIn(tx, actor, input, hash, arrival))
	);
}

/**
 * Runs `fn` holding the assessments (`oneWriterAtATime`), its first reads sent with the lock:
 * on PostgreSQL one round trip for both. A lock that failed is the error to tell (the reads
 * behind it only say the transaction was aborted).
 */
export async function whileHolding<T>(tx: Db, fn: () => Promise<T>): Promise<T> {
	const locked = oneWriterAtATime(tx, assessments);
	locked.catch(() => {});
	let result: T;
	try {
		result = await fn();
	} catch (error) {
		await locked;
		throw error;
	}
	await locked;
	return result;
}

/** A response's days, as read for a submission. */
export type Days = Promise<{ startDate: string; endDate: string | null }[]>;

/**
 * One submission inside the caller's transaction, which holds the table (`oneWriterAtATime`).
 * Its refusals (a reused id, an unknown response, a day outside it, a point outside every
 * province) are all raised before it writes anything.
 */
export async function submitIn(
	tx: Db,
	actor: Actor,
	input: Assessment,
	hash: string,
	arrival: Arrival,
	/** The responses' days read so far in this transaction (a batch's records share them). */
	daysRead: Map<number, Days> = new Map()
): Promise<SubmitResult> {
	const s = statements(tx);
	// The reads a submission needs, sent together: on PostgreSQL one round trip (its driver
	// sends a transaction's queries one behind the other without waiting, and they run in that
	// order, after the caller's lock). Awaited below in the order of the checks, so a submission
	// is refused for the same reason as when they ran one by one.
	let stored: Promise<AssessmentRow[]> | null = started(s.byId.execute({ id: input.id }));
	let days = daysRead.get(input.responseId);
	if (!days) {
		days = started(s.responseDays.execute({ responseId: input.responseId }));
		daysRead.set(input.responseId, days);
	}
	const place = locate(tx, input.lon, input.lat, input.pcode);
	// Not needed when the id is taken; a refusal is raised where it is awaited.
	days.catch(() => {});
	place.catch(() => {});
	const { outcome, row } = await once({
		find: async () => {
			const rows = await (stored ?? s.byId.execute({ id: input.id }));
			stored = null;
			return rows[0];
		},
		stamp: (row) => ({ hash: row.contentHash, by: row.submittedBy }),
		hash,
		actor,
		conflict: m.assess_error_id_conflict,
		create: () => insert(tx, actor, input, hash, arrival, { days, place })
	});
	return { outcome, record: toRecord(row), warnings: await warningsOf(tx, row) };
}

/** What a new submission's row holds: the input, who sent it, and where it is. */
export function rowValues(
	actor: Actor,
	input: Assessment,
	hash: string,
	{ pcode, pointPcode }: Located
) {
	return {
		...input,
		organisationId: actor.organisationId,
		submittedBy: actor.id,
		contentHash: hash,
		pcode,
		pcodeSource: input.pcode
			? ('given' as const)
			: pointPcode
				? ('point' as const)
				: ('none' as const),
		pointPcode,
		...areaKeys(pcode),
		affectedPersons: affectedPersons(input)
	};
}

/** The audit log's entry for a new submission, with its likely duplicates and disagreement. */
export function createdEvent(
	actor: Actor,
	inserted: AssessmentRow,
	arrival: Arrival,
	flagged: number,
	mismatch: boolean
): AuditInput {
	return {
		userId: actor.id,
		action: 'create',
		entity: 'assessments',
		entityId: inserted.id,
		responseId: inserted.responseId,
		after: {
			observedOn: inserted.observedOn,
			pcode: inserted.pcode,
			affectedPersons: inserted.affectedPersons
		},
		detail: {
			source: arrival.source,
			...arrival.detail,
			...(flagged ? { likelyDuplicates: flagged } : {}),
			...(mismatch ? { areaPointMismatch: inserted.pointPcode } : {})
		}
	};
}

/**
 * Why a submission's response or day is refused, or null: the response must exist and the day
 * lie within it. Raised before anything is written.
 */
export function dayRefusal(
	input: Pick<Assessment, 'observedOn'>,
	response: { startDate: string; endDate: string | null } | undefined
): UserError | null {
	if (!response) return fieldError('responseId', m.assess_error_unknown_response());
	const outside = responseDayProblem(input.observedOn, response);
	return outside ? fieldError('observedOn', outside) : null;
}

async function insert(
	tx: Db,
	actor: Actor,
	input: Assessment,
	hash: string,
	arrival: Arrival,
	read: {
		days: Days;
		place: ReturnType<typeof locate>;
	}
): Promise<AssessmentRow | undefined> {
	const [response] = await read.days;
	const refused = dayRefusal(input, response);
	if (refused) throw refused;
	const place = await read.place;

	// The day's others, read before the row goes in (so it is not among them), sent with the
	// insert: one round trip on PostgreSQL.
	const candidates = sameDayAs(tx, actor, input, place);
	candidates.catch(() => {});
	const [inserted] = await statements(tx).insert.execute(
		withDefaults(INSERTED, rowValues(actor, input, hash, place))
	);
	if (!inserted) return undefined;
	const flags = duplicateFlags(inserted, await candidates);
	if (flags.length) await tx.insert(assessmentDuplicates).values(flags);
	const mismatch = (await warningsOf(tx, inserted)).length > 0;
	await recordAudit(tx, createdEvent(actor, inserted, arrival, flags.length, mismatch));
	return inserted;
}

/** Day bounds, for queries by observed date. */
export const observedBetween = (from?: string | null, to?: string | null) =>
	and(
		from ? gte(assessments.observedOn, from) : undefined,
		to ? lte(assessments.observedOn, to) : undefined
	);
