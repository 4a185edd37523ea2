import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { assessmentSchema, type AssessmentInput } from '$lib/domain/assessments';
import { auditLog, assessmentDuplicates, assessments } from '$lib/server/db/schema';
import {
	assessmentsByProvince,
	duplicatesOf,
	getAssessment,
	listAssessments,
	needsRanking,
	reviewAssessment,
	submitAssessment,
	totalsByArea
} from '.';
import { assessmentWorld, COMMUNE, countAssessments, sample } from './testing';
import { refused } from '$lib/server/testing';
import { rawRows } from '$lib/server/db/raw';

let w: Awaited<ReturnType<typeof assessmentWorld>>;
beforeEach(async () => {
	w = await assessmentWorld();
});

const submit = (actor = w.field, over: Partial<AssessmentInput> = {}) =>
	submitAssessment(w.db, actor, assessmentSchema.parse(sample(w.responseId, over)));

const audits = () => w.db.select().from(auditLog);

describe('submitting an assessment', () => {
	it('stores it once with the P-code found from the point, and audits the creation', async () => {
		const { outcome, record } = await submit();
		expect(outcome).toBe('created');
		expect(record).toMatchObject({
			pcode: COMMUNE,
			pcodeSource: 'point',
			provincePcode: 'KH02',
			districtPcode: 'KH0201',
			affectedPersons: 117,
			organisationId: w.iom,
			needs: ['shelter', 'water', 'food']
		});
		expect(await audits()).toMatchObject([
			{ action: 'create', entity: 'assessments', entityId: record.id }
		]);
	});

	it('stamps each submission and its audit entry with the moment it arrived', async () => {
		// The insert is built once and run for every submission: its times must be each run's.
		const inputs = [sample(w.responseId), sample(w.responseId)].map((i) =>
			assessmentSchema.parse(i)
		);
		const moments = ['2030-01-01T01:00:00.000Z', '2030-01-02T02:30:00.000Z'];
		vi.useFakeTimers({ toFake: ['Date'] });
		try {
			const received = [];
			for (const [i, input] of inputs.entries()) {
				vi.setSystemTime(new Date(moments[i]));
				received.push((await submitAssessment(w.db, w.field, input)).record.receivedAt);
			}
			expect(received).toEqual(moments);
			expect((await audits()).map((e) => e.at.toISOString())).toEqual(moments);
			// What the entry has not (nothing before a creation) is SQL NULL, not JSON's null.
			expect(
				await rawRows(
					w.db,
					sql`select case when ${auditLog.before} is null then 1 else 0 end as missing from ${auditLog}`
				)
			).toEqual([{ missing: 1 }, { missing: 1 }]);
		} finally {
			vi.useRealTimers();
		}
	});

	it('keeps a P-code the team gave over the one found from the point', async () => {
		const { record } = await submit(w.field, { pcode: 'kh020102' });
		expect(record).toMatchObject({ pcode: 'KH020102', pcodeSource: 'given' });
	});

	it('keeps both the area given and the point’s, and warns when they disagree', async () => {
		// A Battambang point given as Pursat: stored as given, the point's area beside it.
		const wrong = await submit(w.field, { pcode: 'KH15' });
		expect(wrong.record).toMatchObject({
			pcode: 'KH15',
			pcodeSource: 'given',
			provincePcode: 'KH15',
			pointPcode: COMMUNE
		});
		expect(wrong.warnings).toEqual([
			{
				code: 'area_point_mismatch',
				message:
					'The area given, Pursat (KH15), is not where the point is: Kantueu Muoy (KH020101). Both are kept; check which is right.',
				fields: { pcode: expect.stringContaining('Pursat (KH15)') }
			}
		]);
		// A retry gets the same warning; the district the point lies in gets none.
		expect((await submit(w.field, { id: wrong.record.id, pcode: 'KH15' })).warnings).toHaveLength(
			1
		);
		expect((await submit(w.field, { pcode: 'KH0201' })).warnings).toEqual([]);
		expect((await submit(w.field)).record.pointPcode).toBe(COMMUNE);
	});

	it('answers a repeat of the same id and content with the same record, writing nothing', async () => {
		const input = sample(w.responseId);
		const first = await submitAssessment(w.db, w.field, assessmentSchema.parse(input));
		const again = await submitAssessment(w.db, w.field, assessmentSchema.parse({ ...input }));
		expect(again.outcome).toBe('existing');
		expect(again.record).toEqual(first.record);
		expect(await countAssessments(w.db)).toBe(1);
		expect(await audits()).toHaveLength(1);
	});

	it('takes the same submission sent twice at once (a double tap, an outbox retry) once', async () => {
		const input = assessmentSchema.parse(sample(w.responseId));
		const both = await Promise.all([
			submitAssessment(w.db, w.field, input),
			submitAssessment(w.db, w.field, { ...input })
		]);
		expect(both.map((r) => r.outcome).sort()).toEqual(['created', 'existing']);
		expect(both[1].record).toEqual(both[0].record);
		expect(await countAssessments(w.db)).toBe(1);
		expect(await audits()).toHaveLength(1);
	});

	it('refuses the same id with other content, or from someone else, as a conflict', async () => {
		const input = sample(w.responseId);
		await submitAssessment(w.db, w.field, assessmentSchema.parse(input));
		const changed = await refused(() =>
			submitAssessment(w.db, w.field, assessmentSchema.parse({ ...input, deaths: 1 }))
		);
		expect(changed).toMatchObject({ status: 409, code: 'conflict' });
		expect(changed.message).toContain('different content');
		const other = await refused(() =>
			submitAssessment(w.db, w.field2, assessmentSchema.parse(input))
		);
		expect(other.status).toBe(409);
		expect(await countAssessments(w.db)).toBe(1);
	});

	it('refuses a point outside every province, a date before the response, an unknown P-code', async () => {
		expect((await refused(() => submit(w.field, { lon: 102.5, lat: 10.0 }))).fields).toHaveProperty(
			'lon'
		);
		expect(
			(await refused(() => submit(w.field, { observedOn: '2020-09-01' }))).fields
		).toHaveProperty('observedOn');
		expect((await refused(() => submit(w.field, { pcode: 'KH029999' }))).fields).toHaveProperty(
			'pcode'
		);
		expect((await refused(() => submit(w.field, { responseId: 999 }))).fields).toHaveProperty(
			'responseId'
		);
		expect(await countAssessments(w.db)).toBe(0);
		expect(await audits()).toEqual([]);
	});
});

describe('likely duplicates', () => {
	it('flags the same day and place from another team, both ways, and nothing else', async () => {
		const a = (await submit(w.field)).record;
		// Same team again nearby: a second village, not a duplicate.
		await submit(w.field, { lon: 103.201 });
		// Another team 100 m away on the same day.
		const b = (await submit(w.partner, { lon: 103.2009 })).record;
		// Another team, same place, another day.
		await submit(w.partner, { observedOn: '2020-10-16' });
		// Another team, same commune, far across it.
		const c = (await submit(w.field2, { lon: 103.24, lat: 13.14 })).record;

		expect((await duplicatesOf(w.db, b.seq)).map((d) => [d.id, d.reason])).toEqual([
			[a.id, 'nearby'],
			[expect.any(String), 'nearby'],
			[c.id, 'same_commune']
		]);
		expect((await duplicatesOf(w.db, c.seq)).every((d) => d.reason === 'same_commune')).toBe(true);
		expect((await duplicatesOf(w.db, a.seq)).map((d) => d.id)).toEqual([b.id, c.id]);
		const flagged = await listAssessments(w.db, { responseId: w.responseId, flagged: true });
		expect(flagged.total).toBe(4);
	});

	it('flags every pair from two teams exactly once when they all arrive at once', async () => {
		// Two teams in the same place on the same day, every submission at the same moment: each
		// stored, and each pair flagged by whichever came second, never missed by both.
		const teams = [w.field, w.partner];
		const each = 40;
		const results = await Promise.all(
			Array.from({ length: 2 * each }, (_, i) =>
				submit(teams[i % 2], { lon: 103.2 + (i % 5) * 0.0001 })
			)
		);
		expect(results.every((r) => r.outcome === 'created')).toBe(true);
		const flags = await w.db.select().from(assessmentDuplicates);
		const pairs = new Set(
			flags.map((f) => [f.assessmentSeq, f.otherSeq].sort((a, b) => a - b).join('-'))
		);
		expect(flags).toHaveLength(each * each);
		expect(pairs.size).toBe(each * each);
		expect(await audits()).toHaveLength(2 * each);
	});

	it('keeps a reviewed duplicate but leaves it out of totals and the ranking', async () => {
		await submit(w.field);
		const b = (await submit(w.partner, { needs: ['food'] })).record;
		const before = await totalsByArea(w.db, { responseId: w.responseId }, 'province');
		expect(before).toMatchObject([{ pcode: 'KH02', assessments: 2, affectedPersons: 234 }]);
		await reviewAssessment(w.db, w.coordinator, b.id, 'duplicate');
		const after = await totalsByArea(w.db, { responseId: w.responseId }, 'province');
		expect(after).toMatchObject([{ pcode: 'KH02', assessments: 1, affectedPersons: 117 }]);
		// The assessment map's count and drawing: the same count, a number on either engine.
		expect(await assessmentsByProvince(w.db, { responseId: w.responseId })).toEqual([
			{ pcode: 'KH02', assessments: 1 }
		]);
		expect(
			await assessmentsByProvince(w.db, { responseId: w.responseId, from: '2099-01-01' })
		).toEqual([]);
		expect((await needsRanking(w.db, { responseId: w.responseId })).scores[0].need).toBe('shelter');
		expect((await getAssessment(w.db, b.id))?.review).toBe('duplicate');
		expect(await countAssessments(w.db)).toBe(2);
		await reviewAssessment(w.db, w.coordinator, b.id, 'distinct');
		const flagged = await listAssessments(w.db, { responseId: w.responseId, flagged: true });
		expect(flagged.total).toBe(1);
	});

	it('refuses a review of an assessment that does not exist, writing nothing', async () => {
		const e = await refused(() => reviewAssessment(w.db, w.coordinator, 'nope', 'duplicate'));
		expect(e.code).toBe('not_found');
		expect(await audits()).toEqual([]);
	});
});

describe('the coordinators picture', () => {
	it('sums per district and ranks needs by Borda count', async () => {
		await submit(w.field, { needs: ['water', 'food'] });
		await submit(w.field, { needs: ['food', 'water'], observedOn: '2020-10-20' });
		await submit(w.partner, { needs: ['food'], observedOn: '2020-10-21', pcode: 'KH0201' });
		const districts = await totalsByArea(w.db, { responseId: w.responseId }, 'district');
		expect(districts).toEqual([
			expect.objectContaining({
				pcode: 'KH0201',
				nameEn: 'Banan',
				assessments: 3,
				affectedPersons: 351,
				displacedPersons: 105,
				housesDamaged: 24
			})
		]);
		const { scores } = await needsRanking(w.db, { responseId: w.responseId });
		expect(scores.slice(0, 2)).toEqual([
			{ need: 'food', points: 4 + 5 + 5, first: 2, named: 3 },
			{ need: 'water', points: 5 + 4, first: 1, named: 2 }
		]);
	});

	it('lists only an organisation’s own when asked, with filters', async () => {
		await submit(w.field);
		await submit(w.partner, { access: 'road', observedOn: '2020-10-20' });
		const list = (f: Partial<Parameters<typeof listAssessments>[1]>) =>
			listAssessments(w.db, { responseId: w.responseId, ...f });
		const own = await list({ organisationId: w.crc });
		expect(own.rows.map((r) => r.organisation)).toEqual(['CRC']);
		expect((await list({ access: 'road' })).rows.map((r) => r.access)).toEqual(['road']);
		expect((await list({ from: '2020-10-16' })).total).toBe(1);
		expect((await list({ area: 'KH0201' })).total).toBe(2);
		expect((await list({ area: 'KH01' })).total).toBe(0);
	});

	it('never updates a stored row', async () => {
		const { record } = await submit();
		const stored = () => w.db.select().from(assessments).where(eq(assessments.id, record.id));
		const row = await stored();
		await reviewAssessment(w.db, w.coordinator, record.id, 'duplicate');
		expect(await stored()).toEqual(row);
	});
});
