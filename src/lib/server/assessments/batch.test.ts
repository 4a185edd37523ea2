import { beforeEach, describe, expect, it, vi } from 'vitest';
import { assessmentSchema, type AssessmentInput } from '$lib/domain/assessments';
import { sqliteClient } from '$lib/server/db';
import { ENGINE } from '$lib/server/db/engine';
import { assessments, auditLog, responses } from '$lib/server/db/schema';
import { submitAssessment, submitAssessments } from '.';
import { assessmentWorld, countAssessments, refuseInsertOf, sample } from './testing';

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

	// Drizzle's SQLite results run their query again at every `then`: a read started early and
	// awaited later (or given a `.catch`) ran twice. Counted at the driver's statements.
	it.skipIf(ENGINE === 'postgres')(
		"runs each read of a record once, and the response's once a batch",
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
			// Each record's own reads, its id and the same day's others; its response's days once
			// for the batch.
			const selects = [...runs].filter(([source]) =>
				/^select .* from "(assessments|responses)"/is.test(source.trim())
			);
			expect(selects.length).toBe(3);
			for (const [source, count] of selects) {
				const once = /from "responses"/.test(source);
				expect({ source, count }).toEqual({ source, count: once ? 1 : 3 });
			}
		}
	);
});
