import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { assessmentSchema, type AssessmentInput } from '$lib/domain/assessments';
import { SECTORS, SECTOR_PARTS, sectorField, type SitrepInput } from '$lib/domain/sitreps';
import { auditLog, responses, sitreps } from '$lib/server/db/schema';
import { first as firstRow, transaction } from '$lib/server/db/transaction';
import { reviewAssessment, submitAssessment } from '$lib/server/assessments';
import { assessmentWorld, sample } from '$lib/server/assessments/testing';
import {
	createShare,
	deleteSitrep,
	figuresOf,
	getSitrep,
	listSitreps,
	publishSitrep,
	revokeShare,
	sharedSitrepId,
	listShares
} from '.';
import { draftSitrep, editSitrep } from './testing';
import { UserError } from '$lib/server/errors';
import { refused } from '$lib/server/testing';
import { sqliteClient } from '$lib/server/db';

let w: Awaited<ReturnType<typeof assessmentWorld>>;
beforeEach(async () => {
	w = await assessmentWorld();
});

const AS_OF = '2020-10-20T18:00';

function complete(over: Partial<SitrepInput> = {}): SitrepInput {
	return {
		asOf: AS_OF,
		periodFrom: '2020-10-14',
		periodTo: '2020-10-20',
		highlights: 'Water receding in Battambang.',
		overview: 'Flooding since 7 October.',
		contacts: 'HRF secretariat, hrf@example.org',
		nextReportOn: '2020-10-27',
		[sectorField('shelter_nfi', 'needs')]: 'Tarpaulins for 2,000 households',
		[sectorField('shelter_nfi', 'response')]: 'CRC distributed 800 kits',
		[sectorField('shelter_nfi', 'gaps')]: '1,200 households without shelter',
		...over
	};
}

const assess = async (over: Partial<AssessmentInput> = {}) =>
	(await submitAssessment(w.db, w.field, assessmentSchema.parse(sample(w.responseId, over))))
		.record;

describe('numbering', () => {
	it('numbers each response’s reports 1, 2, 3 and keeps them apart from other responses', async () => {
		const a = await draftSitrep(w.db, w.coordinator, w.responseId, complete());
		await publishSitrep(w.db, w.coordinator, a.id);
		const b = await draftSitrep(w.db, w.coordinator, w.responseId, complete());
		await publishSitrep(w.db, w.coordinator, b.id);
		const other = sqliteClient(w.db)
			.prepare(
				"insert into responses (name, kind, start_date, created_at, updated_at) values ('Other', 'flood', '2020-01-01', 0, 0)"
			)
			.run().lastInsertRowid as number;
		const c = await draftSitrep(w.db, w.coordinator, Number(other), { asOf: AS_OF });
		const d = await draftSitrep(w.db, w.coordinator, w.responseId, { asOf: AS_OF });
		expect([a.number, b.number, c.number, d.number]).toEqual([1, 2, 1, 3]);
		expect(d.status).toBe('draft');
		expect(d.asOf.toISOString()).toBe('2020-10-20T11:00:00.000Z');
	});

	it('has one draft at a time, so partners never see a number skipped', async () => {
		const first = await draftSitrep(w.db, w.coordinator, w.responseId, complete());
		const e = await refused(() => draftSitrep(w.db, w.coordinator, w.responseId, complete()));
		expect(e.status).toBe(409);
		expect(e.message).toContain('no. 1 is still a draft');
		expect(await listSitreps(w.db, w.responseId, true)).toHaveLength(1);
		// Deleting the draft frees its number; publishing it lets the next one start.
		await deleteSitrep(w.db, w.coordinator, first.id);
		const again = await draftSitrep(w.db, w.coordinator, w.responseId, complete());
		expect(again.number).toBe(1);
		await publishSitrep(w.db, w.coordinator, again.id);
		expect((await draftSitrep(w.db, w.coordinator, w.responseId, complete())).number).toBe(2);
		const deleted = (await w.db.select().from(auditLog).where(eq(auditLog.action, 'delete'))).map(
			(a) => a.entityId
		);
		expect(deleted).toEqual([String(first.id)]);
	});

	it('gives one number when two reports are started at once, refusing the other', async () => {
		const a = await draftSitrep(w.db, w.coordinator, w.responseId, complete());
		await publishSitrep(w.db, w.coordinator, a.id);
		const both = await Promise.allSettled([
			draftSitrep(w.db, w.coordinator, w.responseId, complete()),
			draftSitrep(w.db, w.coordinator, w.responseId, complete())
		]);
		const made = both.flatMap((r) => (r.status === 'fulfilled' ? [r.value.number] : []));
		const reasons = both.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
		expect(made).toEqual([2]);
		expect(reasons).toHaveLength(1);
		expect(reasons[0]).toBeInstanceOf(UserError);
		expect(reasons[0]).toMatchObject({ status: 409, message: expect.stringContaining('no. 2') });
		expect((await listSitreps(w.db, w.responseId, true)).map((s) => s.number)).toEqual([2, 1]);
	});

	it('refuses to publish a report while an earlier one is a draft, and to delete a published one', async () => {
		// Two drafts, as a database from before this rule may hold them.
		const earlier = await draftSitrep(w.db, w.coordinator, w.responseId, complete());
		await transaction(w.db, (tx) =>
			tx.insert(sitreps).values({ ...earlier, id: undefined, number: 4 })
		);
		const later = (await getSitrep(w.db, w.responseId, 4))!;
		const e = await refused(() => publishSitrep(w.db, w.coordinator, later.id));
		expect(e.status).toBe(409);
		expect(e.message).toContain('no. 1 is still a draft');
		await publishSitrep(w.db, w.coordinator, earlier.id);
		expect((await publishSitrep(w.db, w.coordinator, later.id)).status).toBe('published');
		expect((await refused(() => deleteSitrep(w.db, w.coordinator, earlier.id))).status).toBe(409);
	});

	it('lists drafts only for those who may read them', async () => {
		const a = await draftSitrep(w.db, w.coordinator, w.responseId, complete());
		await publishSitrep(w.db, w.coordinator, a.id);
		await draftSitrep(w.db, w.coordinator, w.responseId, { asOf: AS_OF });
		expect((await listSitreps(w.db, w.responseId, true)).map((s) => s.number)).toEqual([2, 1]);
		expect((await listSitreps(w.db, w.responseId, false)).map((s) => s.number)).toEqual([1]);
	});

	it('refuses bad input with field messages', async () => {
		const e = await refused(() =>
			draftSitrep(w.db, w.coordinator, w.responseId, {
				asOf: 'yesterday',
				periodFrom: '2020-10-20',
				periodTo: '2020-10-01'
			})
		);
		expect(e.fields).toMatchObject({
			asOf: 'Enter a date and time.',
			periodTo: 'The end cannot be before the start.'
		});
	});
});

describe('publishing', () => {
	it('names every missing part of an empty draft', async () => {
		const s = await draftSitrep(w.db, w.coordinator, w.responseId, { asOf: AS_OF });
		const e = await refused(() => publishSitrep(w.db, w.coordinator, s.id));
		for (const part of [
			'Period from',
			'Period to',
			'Highlights',
			'Situation overview',
			"At least one sector's needs, response and gaps",
			'Contacts',
			'Next report'
		]) {
			expect(e.message).toContain(part);
		}
		expect(Object.keys(e.fields ?? {})).toEqual([
			'periodFrom',
			'periodTo',
			'highlights',
			'overview',
			'shelter_nfi_needs',
			'contacts',
			'nextReportOn'
		]);
		expect((await getSitrep(w.db, w.responseId, 1))?.status).toBe('draft');
	});

	it('names the missing parts of a started sector, and only those', async () => {
		const s = await draftSitrep(
			w.db,
			w.coordinator,
			w.responseId,
			complete({ [sectorField('wash', 'needs')]: 'Water filters' })
		);
		const e = await refused(() => publishSitrep(w.db, w.coordinator, s.id));
		expect(e.message).toBe('Cannot publish yet. Missing: WASH: Response; WASH: Gaps.');
		expect(Object.keys(e.fields ?? {})).toEqual(['wash_response', 'wash_gaps']);
	});

	it('refuses to freeze figures for a time still to come', async () => {
		const s = await draftSitrep(w.db, w.coordinator, w.responseId, complete());
		const e = await refused(() =>
			publishSitrep(w.db, w.coordinator, s.id, new Date('2020-10-20T10:59:00Z'))
		);
		expect(e.fields).toHaveProperty('asOf');
		expect(e.message).toContain('still in the future');
		expect(
			(await publishSitrep(w.db, w.coordinator, s.id, new Date('2020-10-20T11:00:00Z'))).status
		).toBe('published');
	});

	it('publishes a complete draft, freezing its figures, and audits every write', async () => {
		await assess();
		const s = await draftSitrep(w.db, w.coordinator, w.responseId, complete());
		const published = await publishSitrep(
			w.db,
			w.coordinator,
			s.id,
			new Date('2020-10-21T02:00:00Z')
		);
		expect(published).toMatchObject({ status: 'published', publishedBy: w.coordinator.id });
		expect(published.figures?.find((f) => f.key === 'assessments.affected')?.value).toBe(117);
		const audit = (await w.db.select().from(auditLog).where(eq(auditLog.entity, 'sitreps'))).map(
			(a) => a.action
		);
		expect(audit).toEqual(['create', 'update']);
	});
});

describe('a published sitrep', () => {
	async function published() {
		const s = await draftSitrep(w.db, w.coordinator, w.responseId, complete());
		return publishSitrep(w.db, w.coordinator, s.id);
	}

	it('refuses edits and a second publication, with a clear message', async () => {
		const s = await published();
		const edit = await refused(() =>
			editSitrep(w.db, w.coordinator, s.id, complete({ highlights: 'Changed' }))
		);
		expect(edit).toMatchObject({ status: 409 });
		expect(edit.message).toContain('no. 1 is published and cannot be changed');
		expect((await refused(() => publishSitrep(w.db, w.coordinator, s.id))).status).toBe(409);
		expect((await getSitrep(w.db, w.responseId, 1))?.highlights).toBe(
			'Water receding in Battambang.'
		);
	});

	it('keeps its figures when data changes afterwards, while a draft follows the data', async () => {
		const first = await assess();
		const s = await published();
		const draft = await draftSitrep(w.db, w.coordinator, w.responseId, complete());
		const frozen = await figuresOf(w.db, (await getSitrep(w.db, w.responseId, s.number))!);

		// New data within the report's time, and a duplicate found later.
		await assess({ affected_f_18_59: 100, displacedPersons: 50 });
		await reviewAssessment(w.db, w.coordinator, first.id, 'duplicate');

		expect(await figuresOf(w.db, (await getSitrep(w.db, w.responseId, s.number))!)).toEqual(frozen);
		const live = await figuresOf(w.db, (await getSitrep(w.db, w.responseId, draft.number))!);
		expect(live).not.toEqual(frozen);
	});

	it('gives figures that each carry their source', async () => {
		await assess();
		await assess({ lon: 104.9, lat: 11.55, pcode: 'KH12' });
		const s = await published();
		const figures = s.figures ?? [];
		expect(figures.length).toBeGreaterThanOrEqual(4);
		for (const f of figures) {
			expect(f.source.dataset).toBe('assessments');
			expect(f.source.filters).toMatchObject({
				responseId: String(w.responseId),
				to: '2020-10-20'
			});
			expect(f.labelKm).not.toBe(f.labelEn);
		}
		expect(figures.find((f) => f.key === 'assessments.by-province.KH02.affected')).toMatchObject({
			value: 117,
			measure: 'assessments.by-province:affected',
			cell: { row: { key: 'KH02', en: 'Battambang' }, column: { key: 'affected' } },
			source: { filters: { area: 'KH02' } }
		});
	});
});

describe('figures as of the report’s time', () => {
	it('leave out assessments observed after it', async () => {
		await assess({ observedOn: '2020-10-15' });
		await assess({ observedOn: '2020-10-21' });
		const s = await draftSitrep(w.db, w.coordinator, w.responseId, complete());
		const total = (await figuresOf(w.db, (await getSitrep(w.db, w.responseId, s.number))!)).find(
			(f) => f.key === 'assessments.affected'
		);
		expect(total?.value).toBe(117);
	});
});

describe('areas', () => {
	it('leave out the figures of an area the response no longer uses', async () => {
		await assess();
		const figures = async () => {
			const s = await draftSitrep(w.db, w.coordinator, w.responseId, complete());
			const got = await figuresOf(w.db, (await getSitrep(w.db, w.responseId, s.number))!);
			await deleteSitrep(w.db, w.coordinator, s.id);
			return got.filter((f) => f.section === 'assessments').length;
		};
		expect(await figures()).toBeGreaterThan(0);
		await transaction(w.db, (tx) =>
			tx
				.update(responses)
				.set({ areas: ['shelter'] })
				.where(eq(responses.id, w.responseId))
		);
		expect(await figures()).toBe(0);
	});
});

describe('share links', () => {
	it('open a published sitrep until revoked, and never a draft', async () => {
		const draft = await draftSitrep(w.db, w.coordinator, w.responseId, complete());
		expect((await refused(() => createShare(w.db, w.coordinator, draft.id))).status).toBe(409);
		await publishSitrep(w.db, w.coordinator, draft.id);
		const token = await createShare(w.db, w.coordinator, draft.id);
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		expect(await sharedSitrepId(w.db, token)).toBe(draft.id);
		expect(await sharedSitrepId(w.db, 'a'.repeat(32))).toBeUndefined();
		const stored = sqliteClient(w.db).prepare('select token_hash from sitrep_shares').all();
		expect(JSON.stringify(stored)).not.toContain(token);
		const [share] = await listShares(w.db, draft.id);
		await revokeShare(w.db, w.coordinator, draft.id, share.id);
		expect(await sharedSitrepId(w.db, token)).toBeUndefined();
		expect((await listShares(w.db, draft.id))[0].revokedAt).toBeInstanceOf(Date);
	});
});

it('stores every sector part the form sends', async () => {
	const input: SitrepInput = { asOf: AS_OF };
	for (const s of SECTORS) for (const p of SECTOR_PARTS) input[sectorField(s, p)] = `${s} ${p}`;
	const row = await draftSitrep(w.db, w.coordinator, w.responseId, input);
	const stored = await firstRow(w.db.select().from(sitreps).where(eq(sitreps.id, row.id)));
	expect(stored?.sectors.logistics.gaps).toBe('logistics gaps');
	expect(stored?.sectors.education.needs).toBe('education needs');
});
