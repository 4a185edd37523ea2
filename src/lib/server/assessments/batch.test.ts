import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { assessmentSchema, type AssessmentInput } from '$lib/domain/assessments';
import { sqliteClient } from '$lib/server/db';
import { ENGINE } from '$lib/server/db/engine';
import { assessments, auditLog, responses } from '$lib/server/db/schema';
import { answerBatch, duplicatesOf, submitAssessment, submitAssessments } from '.';
import { UserError } from '$lib/server/errors';
import { assessmentWorld, COMMUNE, countAssessments, refuseInsertOf, sample } from './testing';
import type { BatchResult } from './batch';

let w: Awaited<ReturnType<typeof assessmentWorld>>;
beforeEach(async () => {
	w = await assessmentWorld();
});

const input = (over: Partial<AssessmentInput> = {}) =>
	assessmentSchema.parse(sample(w.responseId, over));
const audits = async () => (await w.db.select().from(auditLog)).length;

describe('submitting a batch of assessments', () => {
	it('answers each record as it would have been answered alone, storing the good ones', async () => {
		const earlier = input();
		await submitAssessment(w.db, w.field, earlier);
		const fresh = input();
		const other = input({ pcode: 'KH15' });
		const results = await submitAssessments(w.db, w.field, [
			fresh,
			earlier, // a retry: the same id and content
			{ ...earlier, injured: 7 }, // the id reused for other content
			input({ observedOn: '2020-09-01' }), // before the response began
			input({ lon: 102.5, lat: 10.0 }), // outside every province
			fresh, // twice in one batch
			other
		]);
		expect(results.map((r) => r.status)).toEqual([201, 200, 409, 400, 400, 200, 201]);
		expect(results[0]).toMatchObject({ outcome: 'created', record: { id: fresh.id } });
		expect(results[1]).toMatchObject({ outcome: 'existing', record: { id: earlier.id } });
		expect(results[2]).toMatchObject({ error: { code: 'conflict' } });
		expect(results[2]).toHaveProperty('error.fields.id');
		expect(results[3]).toMatchObject({ error: { fields: { observedOn: expect.any(String) } } });
		expect(results[4]).toMatchObject({ error: { fields: { lon: expect.any(String) } } });
		expect(results[5]).toEqual({ ...results[0], outcome: 'existing', status: 200 });
		expect(results[6]).toMatchObject({ warnings: [{ code: 'area_point_mismatch' }] });
		expect(await countAssessments(w.db)).toBe(3);
		expect(await audits()).toBe(3);
	});

	it('answers a retried batch with the same records, writing nothing more', async () => {
		const batch = [input(), input({ observedOn: '2020-10-16' })];
		const first = await submitAssessments(w.db, w.field, batch);
		const again = await submitAssessments(w.db, w.field, batch);
		expect(first.map((r) => r.status)).toEqual([201, 201]);
		expect(again.map((r) => r.status)).toEqual([200, 200]);
		expect(again.map((r) => 'record' in r && r.record)).toEqual(
			first.map((r) => 'record' in r && r.record)
		);
		expect(await countAssessments(w.db)).toBe(2);
		expect(await audits()).toBe(2);
	});

	it('takes nothing from a refused record and stores it alone once fixed', async () => {
		const late = input({ observedOn: '2020-09-01' });
		const [refused, ok] = await submitAssessments(w.db, w.field, [late, input()]);
		expect(refused.status).toBe(400);
		expect(ok.status).toBe(201);
		const [fixed] = await submitAssessments(w.db, w.field, [{ ...late, observedOn: '2020-10-02' }]);
		expect(fixed.status).toBe(201);
		expect(await countAssessments(w.db)).toBe(2);
	});

	it('rolls back only the record whose write failed, answering it 500, and stores the rest', async () => {
		const error = vi.spyOn(console, 'error').mockImplementation(() => {});
		const [a, bad, c] = [input(), input(), input({ observedOn: '2020-10-16' })];
		await refuseInsertOf(w.db, bad.id);
		const results = await submitAssessments(w.db, w.partner, [a, bad, c]);
		expect(results.map((r) => r.status)).toEqual([201, 500, 201]);
		expect(results[1]).toMatchObject({ error: { code: 'server_error' } });
		expect(error).toHaveBeenCalledOnce();
		error.mockRestore();
		const ids = (await w.db.select({ id: assessments.id }).from(assessments)).map((r) => r.id);
		expect(ids.sort()).toEqual([a.id, c.id].sort());
		// One audit entry per stored record: nothing of the failed attempt is left.
		expect(await audits()).toBe(2);
	});

	it("checks each record's day against its own response, in a batch of several", async () => {
		const [{ id: later }] = await w.db
			.insert(responses)
			.values({ name: 'Second floods', kind: 'flood', startDate: '2020-11-01' })
			.returning();
		const results = await submitAssessments(w.db, w.field, [
			input({ observedOn: '2020-10-20' }),
			input({ responseId: later, observedOn: '2020-10-20' }), // before the second response began
			input({ responseId: 99_999 }),
			input({ responseId: later, observedOn: '2020-11-02' }),
			input({ observedOn: '2020-10-21' })
		]);
		expect(results.map((r) => r.status)).toEqual([201, 400, 400, 201, 201]);
		expect(results[1]).toMatchObject({ error: { fields: { observedOn: expect.any(String) } } });
		expect(results[2]).toMatchObject({ error: { fields: { responseId: expect.any(String) } } });
	});

	it('stores a batch of one as a single submission does', async () => {
		const one = input();
		const [result] = await submitAssessments(w.db, w.field, [one]);
		const alone = await submitAssessment(w.db, w.field, one);
		expect(result).toEqual({ ...alone, outcome: 'created', status: 201 });
	});

	it('flags each record of a batch that resembles another team’s, and audits how many', async () => {
		const theirs = (await submitAssessment(w.db, w.partner, input())).record;
		const [near, nearer, otherDay] = await submitAssessments(w.db, w.field, [
			input({ lon: 103.2009 }),
			input({ lon: 103.2004 }),
			input({ observedOn: '2020-10-16' })
		]);
		const seqOf = (r: typeof near) => ('record' in r ? r.record.seq : -1);
		// Each of the two near it is flagged against it; none of the batch against another of the
		// batch (one person's own are never duplicates), nor the other day's.
		for (const r of [near, nearer]) {
			expect((await duplicatesOf(w.db, seqOf(r))).map((d) => [d.id, d.reason])).toEqual([
				[theirs.id, 'nearby']
			]);
		}
		expect(await duplicatesOf(w.db, seqOf(otherDay))).toEqual([]);
		expect((await duplicatesOf(w.db, theirs.seq)).map((d) => d.seq).sort()).toEqual(
			[seqOf(near), seqOf(nearer)].sort()
		);
		const details = await w.db
			.select({ entityId: auditLog.entityId, detail: auditLog.detail })
			.from(auditLog)
			.where(eq(auditLog.userId, w.field.id));
		expect(
			Object.fromEntries(details.map((d) => [d.entityId, d.detail?.likelyDuplicates ?? 0]))
		).toEqual({
			[(near as { record: { id: string } }).record.id]: 1,
			[(nearer as { record: { id: string } }).record.id]: 1,
			[(otherDay as { record: { id: string } }).record.id]: 0
		});
	});

	it('answers an id used twice in one batch by its first record: the same again, or a conflict', async () => {
		const fresh = input();
		const late = input({ observedOn: '2020-09-01' });
		const results = await submitAssessments(w.db, w.field, [
			fresh,
			{ ...fresh, injured: 7 }, // the id reused for other content within the batch
			late, // refused: before the response began
			{ ...late, observedOn: '2020-10-02' }, // the same id fixed, further on in the batch
			fresh
		]);
		expect(results.map((r) => r.status)).toEqual([201, 409, 400, 201, 200]);
		expect(results[1]).toHaveProperty('error.fields.id');
		expect(results[4]).toEqual({ ...results[0], outcome: 'existing', status: 200 });
		expect(await countAssessments(w.db)).toBe(2);
		expect(await audits()).toBe(2);
	});

	it('answers a batch mixing records the schema refuses, the checks refuse and good ones', async () => {
		const good = sample(w.responseId);
		const results = await answerBatch(
			w.db,
			w.field,
			[
				{ ...sample(w.responseId), lat: 'north' }, // not a number
				good,
				sample(w.responseId, { observedOn: '2020-09-01' }), // before the response began
				null,
				sample(w.responseId, { pcode: 'KH99' }), // no such area
				sample(w.responseId, { observedOn: '2020-10-16' })
			],
			{ source: 'api' }
		);
		expect(results.map((r) => r.status)).toEqual([400, 201, 400, 400, 400, 201]);
		expect(results[0]).toMatchObject({
			error: { code: 'invalid', fields: { lat: expect.any(String) } }
		});
		expect(results[1]).toMatchObject({ id: good.id, data: { id: good.id } });
		expect(results[2]).toMatchObject({ error: { fields: { observedOn: expect.any(String) } } });
		expect(results[3]).toMatchObject({ id: null, error: { code: 'invalid' } });
		expect(results[4]).toMatchObject({ error: { fields: { pcode: expect.any(String) } } });
		expect(await countAssessments(w.db)).toBe(2);
		expect(await audits()).toBe(2);
	});

	it('locates and flags each record of a batch as it would be alone: on a border, outside, far', async () => {
		// Another team's, the same in two worlds: at the commune's centre, on its east border, in
		// its south-west corner, and at the centre a day later.
		const theirs = [
			{ lon: 103.2, lat: 13.1 },
			{ lon: 103.25, lat: 13.1 },
			{ lon: 103.16, lat: 13.06 },
			{ lon: 103.2, lat: 13.1, observedOn: '2020-10-16' }
		].map((p) => sample(w.responseId, p));
		const mine = [
			{ lon: 103.4, lat: 13.3 }, // in the province only, near nobody's
			{ lon: 103.2009, lat: 13.1 }, // near the centre's, in the commune
			{ lon: 103.25, lat: 13.1 }, // on the border: in the commune, as the shape's edge counts
			{ lon: 102.5, lat: 10.0 }, // outside every province: refused at lon
			{ lon: 103.2503, lat: 13.1003 }, // just outside the commune, near the border one
			{ lon: 103.2009, lat: 13.1, observedOn: '2020-10-16' } // near the centre's of that day
		].map((p) => sample(w.responseId, p));
		type World = typeof w;
		const answers = async (world: World, results: BatchResult[]) =>
			await Promise.all(
				results.map(async (r) =>
					'record' in r
						? {
								status: r.status,
								pointPcode: r.record.pointPcode,
								flags: (await duplicatesOf(world.db, r.record.seq)).map((d) => [d.id, d.reason])
							}
						: { status: r.status, fields: Object.keys(r.error.fields ?? {}) }
				)
			);
		const stored = async (world: World) => {
			for (const t of theirs) await submitAssessment(world.db, world.partner, input(t));
		};
		await stored(w);
		const together = await answers(w, await submitAssessments(w.db, w.field, mine.map(input)));

		const alone = await assessmentWorld();
		await stored(alone);
		const oneByOne: BatchResult[] = [];
		for (const m of mine) {
			try {
				const r = await submitAssessment(alone.db, alone.field, input(m));
				oneByOne.push({ ...r, status: 201 });
			} catch (error) {
				if (!(error instanceof UserError)) throw error;
				oneByOne.push({ status: error.status, error: error });
			}
		}
		expect(together).toEqual(await answers(alone, oneByOne));
		const [centre, border, corner, nextDay] = theirs.map((t) => t.id);
		expect(together).toEqual([
			{ status: 201, pointPcode: 'KH02', flags: [] },
			{
				status: 201,
				pointPcode: COMMUNE,
				flags: [
					[centre, 'nearby'],
					[border, 'same_commune'],
					[corner, 'same_commune']
				]
			},
			{
				status: 201,
				pointPcode: COMMUNE,
				flags: [
					[centre, 'same_commune'],
					[border, 'nearby'],
					[corner, 'same_commune']
				]
			},
			{ status: 400, fields: ['lon'] },
			{ status: 201, pointPcode: 'KH02', flags: [[border, 'nearby']] },
			{ status: 201, pointPcode: COMMUNE, flags: [[nextDay, 'nearby']] }
		]);
	});

	// Drizzle's SQLite results run their query again at every `then`: a read started early and
	// awaited later (or given a `.catch`) ran twice. Counted at the driver's statements.
	it.skipIf(ENGINE === 'postgres')(
		'runs each read once for the whole batch, and one insert of each kind',
		async () => {
			const client = sqliteClient(w.db);
			const statement = Object.getPrototypeOf(client.prepare('select 1')) as Record<
				'all' | 'get' | 'run',
				(this: { source: string }, ...args: unknown[]) => unknown
			>;
			const runs = new Map<string, number>();
			const spies = (['all', 'get', 'run'] as const).map((method) => {
				const real = statement[method];
				return vi.spyOn(statement, method).mockImplementation(function (
					this: { source: string },
					...args: unknown[]
				) {
					runs.set(this.source, (runs.get(this.source) ?? 0) + 1);
					return real.apply(this, args);
				});
			});
			try {
				const results = await submitAssessments(w.db, w.field, [input(), input(), input()]);
				expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
			} finally {
				for (const spy of spies) spy.mockRestore();
			}
			// Every read once for the batch: the ids, the response's days, and the same day's
			// others (near each point, and in each commune). The new rows go in with one insert,
			// and their audit entries with one.
			const inserts = [...runs].filter(([source]) =>
				/^insert into "(assessments|audit_log)"/is.test(source.trim())
			);
			expect(inserts.map(([source, count]) => [source.match(/"(\w+)"/)?.[1], count])).toEqual([
				['assessments', 1],
				['audit_log', 1]
			]);
			const selects = [...runs].filter(([source]) =>
				/^select .* from "(assessments|responses)"/is.test(source.trim())
			);
			expect(selects.length).toBe(4);
			expect(selects.filter(([source]) => /"id" in \(\?, \?, \?\)/.test(source))).toHaveLength(1);
			for (const [source, count] of selects)
				expect({ source, count }).toEqual({ source, count: 1 });
		}
	);
});
