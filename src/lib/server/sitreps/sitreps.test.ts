import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { assessmentSchema, type AssessmentInput } from '$lib/domain/assessments';
import { SECTORS, SECTOR_PARTS, sectorField, type SitrepInput } from '$lib/domain/sitreps';
import { auditLog, responses, sitreps } from '$lib/server/db/schema';
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
import { refusal } from '$lib/server/testing';

let w: ReturnType<typeof assessmentWorld>;
beforeEach(() => {
	w = assessmentWorld();
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

const assess = (over: Partial<AssessmentInput> = {}) =>
	submitAssessment(w.db, w.field, assessmentSchema.parse(sample(w.responseId, over))).record;

describe('numbering', () => {
	it('numbers each response’s reports 1, 2, 3 and keeps them apart from other responses', () => {
		const a = draftSitrep(w.db, w.coordinator, w.responseId, complete());
		publishSitrep(w.db, w.coordinator, a.id);
		const b = draftSitrep(w.db, w.coordinator, w.responseId, complete());
		publishSitrep(w.db, w.coordinator, b.id);
		const other = w.db.$client
			.prepare(
				"insert into responses (name, kind, start_date, created_at, updated_at) values ('Other', 'flood', '2020-01-01', 0, 0)"
			)
			.run().lastInsertRowid as number;
		const c = draftSitrep(w.db, w.coordinator, Number(other), { asOf: AS_OF });
		const d = draftSitrep(w.db, w.coordinator, w.responseId, { asOf: AS_OF });
		expect([a.number, b.number, c.number, d.number]).toEqual([1, 2, 1, 3]);
		expect(d.status).toBe('draft');
		expect(d.asOf.toISOString()).toBe('2020-10-20T11:00:00.000Z');
	});

	it('has one draft at a time, so partners never see a number skipped', () => {
		const first = draftSitrep(w.db, w.coordinator, w.responseId, complete());
		const e = refusal(() => draftSitrep(w.db, w.coordinator, w.responseId, complete()));
		expect(e.status).toBe(409);
		expect(e.message).toContain('no. 1 is still a draft');
		expect(listSitreps(w.db, w.responseId, true)).toHaveLength(1);
		// Deleting the draft frees its number; publishing it lets the next one start.
		deleteSitrep(w.db, w.coordinator, first.id);
		const again = draftSitrep(w.db, w.coordinator, w.responseId, complete());
		expect(again.number).toBe(1);
		publishSitrep(w.db, w.coordinator, again.id);
		expect(draftSitrep(w.db, w.coordinator, w.responseId, complete()).number).toBe(2);
		const deleted = w.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'delete'))
			.all()
			.map((a) => a.entityId);
		expect(deleted).toEqual([String(first.id)]);
	});

	it('refuses to publish a report while an earlier one is a draft, and to delete a published one', () => {
		// Two drafts, as a database from before this rule may hold them.
		const earlier = draftSitrep(w.db, w.coordinator, w.responseId, complete());
		w.db
			.insert(sitreps)
			.values({ ...earlier, id: undefined, number: 4 })
			.run();
		const later = getSitrep(w.db, w.responseId, 4)!;
		const e = refusal(() => publishSitrep(w.db, w.coordinator, later.id));
		expect(e.status).toBe(409);
		expect(e.message).toContain('no. 1 is still a draft');
		publishSitrep(w.db, w.coordinator, earlier.id);
		expect(publishSitrep(w.db, w.coordinator, later.id).status).toBe('published');
		expect(refusal(() => deleteSitrep(w.db, w.coordinator, earlier.id)).status).toBe(409);
	});

	it('lists drafts only for those who may read them', () => {
		const a = draftSitrep(w.db, w.coordinator, w.responseId, complete());
		publishSitrep(w.db, w.coordinator, a.id);
		draftSitrep(w.db, w.coordinator, w.responseId, { asOf: AS_OF });
		expect(listSitreps(w.db, w.responseId, true).map((s) => s.number)).toEqual([2, 1]);
		expect(listSitreps(w.db, w.responseId, false).map((s) => s.number)).toEqual([1]);
	});

	it('refuses bad input with field messages', () => {
		const e = refusal(() =>
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
	it('names every missing part of an empty draft', () => {
		const s = draftSitrep(w.db, w.coordinator, w.responseId, { asOf: AS_OF });
		const e = refusal(() => publishSitrep(w.db, w.coordinator, s.id));
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
		expect(getSitrep(w.db, w.responseId, 1)?.status).toBe('draft');
	});

	it('names the missing parts of a started sector, and only those', () => {
		const s = draftSitrep(
			w.db,
			w.coordinator,
			w.responseId,
			complete({ [sectorField('wash', 'needs')]: 'Water filters' })
		);
		const e = refusal(() => publishSitrep(w.db, w.coordinator, s.id));
		expect(e.message).toBe('Cannot publish yet. Missing: WASH: Response; WASH: Gaps.');
		expect(Object.keys(e.fields ?? {})).toEqual(['wash_response', 'wash_gaps']);
	});

	it('refuses to freeze figures for a time still to come', () => {
		const s = draftSitrep(w.db, w.coordinator, w.responseId, complete());
		const e = refusal(() =>
			publishSitrep(w.db, w.coordinator, s.id, new Date('2020-10-20T10:59:00Z'))
		);
		expect(e.fields).toHaveProperty('asOf');
		expect(e.message).toContain('still in the future');
		expect(publishSitrep(w.db, w.coordinator, s.id, new Date('2020-10-20T11:00:00Z')).status).toBe(
			'published'
		);
	});

	it('publishes a complete draft, freezing its figures, and audits every write', () => {
		assess();
		const s = draftSitrep(w.db, w.coordinator, w.responseId, complete());
		const published = publishSitrep(w.db, w.coordinator, s.id, new Date('2020-10-21T02:00:00Z'));
		expect(published).toMatchObject({ status: 'published', publishedBy: w.coordinator.id });
		expect(published.figures?.find((f) => f.key === 'assessments.affected')?.value).toBe(117);
		const audit = w.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.entity, 'sitreps'))
			.all()
			.map((a) => a.action);
		expect(audit).toEqual(['create', 'update']);
	});
});

describe('a published sitrep', () => {
	function published() {
		const s = draftSitrep(w.db, w.coordinator, w.responseId, complete());
		return publishSitrep(w.db, w.coordinator, s.id);
	}

	it('refuses edits and a second publication, with a clear message', () => {
		const s = published();
		const edit = refusal(() =>
			editSitrep(w.db, w.coordinator, s.id, complete({ highlights: 'Changed' }))
		);
		expect(edit).toMatchObject({ status: 409 });
		expect(edit.message).toContain('no. 1 is published and cannot be changed');
		expect(refusal(() => publishSitrep(w.db, w.coordinator, s.id)).status).toBe(409);
		expect(getSitrep(w.db, w.responseId, 1)?.highlights).toBe('Water receding in Battambang.');
	});

	it('keeps its figures when data changes afterwards, while a draft follows the data', () => {
		const first = assess();
		const s = published();
		const draft = draftSitrep(w.db, w.coordinator, w.responseId, complete());
		const frozen = figuresOf(w.db, getSitrep(w.db, w.responseId, s.number)!);

		// New data within the report's time, and a duplicate found later.
		assess({ affected_f_18_59: 100, displacedPersons: 50 });
		reviewAssessment(w.db, w.coordinator, first.id, 'duplicate');

		expect(figuresOf(w.db, getSitrep(w.db, w.responseId, s.number)!)).toEqual(frozen);
		const live = figuresOf(w.db, getSitrep(w.db, w.responseId, draft.number)!);
		expect(live).not.toEqual(frozen);
	});

	it('gives figures that each carry their source', () => {
		assess();
		assess({ lon: 104.9, lat: 11.55, pcode: 'KH12' });
		const s = published();
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
	it('leave out assessments observed after it', () => {
		assess({ observedOn: '2020-10-15' });
		assess({ observedOn: '2020-10-21' });
		const s = draftSitrep(w.db, w.coordinator, w.responseId, complete());
		const total = figuresOf(w.db, getSitrep(w.db, w.responseId, s.number)!).find(
			(f) => f.key === 'assessments.affected'
		);
		expect(total?.value).toBe(117);
	});
});

describe('areas', () => {
	it('leave out the figures of an area the response no longer uses', () => {
		assess();
		const figures = () => {
			const s = draftSitrep(w.db, w.coordinator, w.responseId, complete());
			const got = figuresOf(w.db, getSitrep(w.db, w.responseId, s.number)!);
			deleteSitrep(w.db, w.coordinator, s.id);
			return got.filter((f) => f.section === 'assessments').length;
		};
		expect(figures()).toBeGreaterThan(0);
		w.db
			.update(responses)
			.set({ areas: ['shelter'] })
			.where(eq(responses.id, w.responseId))
			.run();
		expect(figures()).toBe(0);
	});
});

describe('share links', () => {
	it('open a published sitrep until revoked, and never a draft', () => {
		const draft = draftSitrep(w.db, w.coordinator, w.responseId, complete());
		expect(refusal(() => createShare(w.db, w.coordinator, draft.id)).status).toBe(409);
		publishSitrep(w.db, w.coordinator, draft.id);
		const token = createShare(w.db, w.coordinator, draft.id);
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		expect(sharedSitrepId(w.db, token)).toBe(draft.id);
		expect(sharedSitrepId(w.db, 'a'.repeat(32))).toBeUndefined();
		const stored = w.db.$client.prepare('select token_hash from sitrep_shares').all();
		expect(JSON.stringify(stored)).not.toContain(token);
		const [share] = listShares(w.db, draft.id);
		revokeShare(w.db, w.coordinator, draft.id, share.id);
		expect(sharedSitrepId(w.db, token)).toBeUndefined();
		expect(listShares(w.db, draft.id)[0].revokedAt).toBeInstanceOf(Date);
	});
});

it('stores every sector part the form sends', () => {
	const input: SitrepInput = { asOf: AS_OF };
	for (const s of SECTORS) for (const p of SECTOR_PARTS) input[sectorField(s, p)] = `${s} ${p}`;
	const row = draftSitrep(w.db, w.coordinator, w.responseId, input);
	const stored = w.db.select().from(sitreps).where(eq(sitreps.id, row.id)).get();
	expect(stored?.sectors.logistics.gaps).toBe('logistics gaps');
	expect(stored?.sectors.education.needs).toBe('education needs');
});
