/**
 * The one date rule at the services' and schemas' doors of the records that are not field
 * counts (those are tested with their API): responses, shelter sites, 4W activities from the form
 * and from the spreadsheet import, and sitreps' as-of dates.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { addDays, todayInCambodia } from '$lib/domain/dates';
import { responseSchema } from '$lib/domain/responses';
import { IMPORT_COLUMNS } from '$lib/domain/shelter-import';
import { shelterActivities, shelterSites, sitreps } from '$lib/server/db/schema';
import { createActivity, createSite } from '$lib/server/shelter';
import { checkFile } from '$lib/server/shelter/import/testing';
import { workbookBytes } from '$lib/server/spreadsheets';
import {
	activitySample,
	shelterWorld,
	siteSample,
	type ShelterWorld
} from '$lib/server/shelter/testing';
import { draftSitrep } from '$lib/server/sitreps/testing';
import { refused } from '$lib/server/testing';

let w: ShelterWorld;
beforeEach(async () => {
	w = await shelterWorld();
});

const today = todayInCambodia();
const future = `This date is in the future: today is ${today} in Cambodia.`;

describe('responses', () => {
	const fields = (over: Record<string, unknown>) => {
		const r = responseSchema.safeParse({
			name: 'Floods',
			kind: 'flood',
			startDate: today,
			...over
		});
		return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path[0], i.message]));
	};

	it('begin and end on real days, not after today in Cambodia, the end not before the start', () => {
		expect(fields({})).toEqual({});
		expect(fields({ startDate: '2014-06-31' })).toEqual({
			startDate: 'There is no 2014-06-31 in the calendar.'
		});
		expect(fields({ startDate: '9999-12-31' })).toEqual({ startDate: future });
		expect(fields({ startDate: '1970-01-01' })).toEqual({
			startDate: 'Before 2000-01-01: check the year.'
		});
		expect(fields({ startDate: '2020-10-01', endDate: '2020-09-30' })).toEqual({
			endDate: 'The end cannot be before the start.'
		});
		expect(fields({ startDate: '2020-10-01', endDate: addDays(today, 30) })).toEqual({
			endDate: future
		});
	});
});

describe('shelter sites', () => {
	it('open and close on real days that have come, and may have opened before the response', async () => {
		expect(
			(
				await refused(() =>
					createSite(
						w.db,
						w.coordinator,
						w.responseId,
						siteSample(w.iom, { openedOn: '9999-12-31' })
					)
				)
			).fields
		).toEqual({ openedOn: future });
		expect(
			(
				await refused(() =>
					createSite(
						w.db,
						w.coordinator,
						w.responseId,
						siteSample(w.iom, { status: 'closed', closedOn: '2020-11-31' })
					)
				)
			).fields
		).toEqual({ closedOn: 'There is no 2020-11-31 in the calendar.' });
		expect(await w.db.select().from(shelterSites)).toHaveLength(0);
		// A pagoda that shelters people in every flood opened before this one began.
		await createSite(
			w.db,
			w.coordinator,
			w.responseId,
			siteSample(w.iom, { openedOn: '2019-09-01' })
		);
		expect(await w.db.select().from(shelterSites)).toHaveLength(1);
	});
});

describe('4W activities', () => {
	const refusedWith = async (over: Parameters<typeof activitySample>[0]) =>
		(await refused(() => createActivity(w.db, w.partner, w.responseId, activitySample(over))))
			.fields;

	it('a completed activity has not ended in the future; an ongoing one has started', async () => {
		const nextMonth = addDays(today, 30);
		const completedFuture = `A completed activity cannot end in the future: today is ${today} in Cambodia.`;
		expect(await refusedWith({ status: 'completed', endDate: nextMonth })).toEqual({
			endDate: completedFuture
		});
		expect(
			await refusedWith({ status: 'completed', startDate: nextMonth, endDate: null })
		).toMatchObject({
			startDate: expect.stringMatching(/has started|cannot end in the future/)
		});
		expect(await refusedWith({ status: 'ongoing', startDate: nextMonth, endDate: null })).toEqual({
			startDate: `An ongoing or completed activity has started: its start cannot be after today (${today} in Cambodia).`
		});
		expect(
			await refusedWith({ status: 'planned', startDate: addDays(today, 400), endDate: null })
		).toEqual({
			startDate: `More than a year ahead: ${addDays(today, 366)} at the latest.`
		});
		expect(await refusedWith({ startDate: '2014-06-31', endDate: null })).toEqual({
			startDate: 'There is no 2014-06-31 in the calendar.'
		});
		expect(await refusedWith({ startDate: '2020-10-20', endDate: '2020-10-15' })).toEqual({
			endDate: 'The end cannot be before the start.'
		});
		expect(await refusedWith({ startDate: '2020-09-15', endDate: '2020-09-20' })).toEqual({
			startDate: 'Before the response began (2020-10-01).'
		});
		expect(await w.db.select().from(shelterActivities)).toHaveLength(0);
		// A plan may lie ahead.
		await createActivity(
			w.db,
			w.partner,
			w.responseId,
			activitySample({ status: 'planned', startDate: nextMonth, endDate: addDays(nextMonth, 10) })
		);
		expect(await w.db.select().from(shelterActivities)).toHaveLength(1);
	});

	it('the spreadsheet import refuses the same rows, naming the row and the column', async () => {
		const headers = IMPORT_COLUMNS.map((c) => c.header);
		const row = (start: string, end: string, status: string) => ({
			'Reporting organisation': 'CRC',
			Activity: 'NFI distribution',
			Modality: 'in kind',
			Province: 'KH02',
			'Start date': start,
			'End date': end,
			Status: status,
			'Households targeted': 30,
			'Households reached': 20
		});
		const bytes = await workbookBytes([
			{
				name: '4W',
				rows: [
					headers,
					...[
						row('2020-10-15', addDays(today, 30), 'completed'),
						row('2014-06-31', '', 'completed'),
						row('2020-09-15', '2020-09-20', 'completed'),
						row('2020-10-15', '2020-10-20', 'completed')
					].map((r) => headers.map((h) => (r as Record<string, string | number>)[h] ?? null))
				]
			}
		]);
		const checked = await checkFile(w.db, w.partner, w.responseId, 'dates.xlsx', bytes);
		expect(checked.problems).toEqual([
			{
				row: 2,
				column: 'End date',
				message: `A completed activity cannot end in the future: today is ${today} in Cambodia.`
			},
			{ row: 3, column: 'Start date', message: 'There is no 2014-06-31 in the calendar.' },
			{ row: 4, column: 'Start date', message: 'Before the response began (2020-10-01).' }
		]);
		expect(checked.state).toBe('failed');
	});
});

describe('situation reports', () => {
	const fields = async (over: Record<string, string>) =>
		(
			await refused(() =>
				draftSitrep(w.db, w.coordinator, w.responseId, { asOf: '2020-10-20T18:00', ...over })
			)
		).fields;

	it('are as of a real time that has come (a day ahead for tonight’s draft), after the response began', async () => {
		expect(await fields({ asOf: '9999-12-31T18:00' })).toEqual({
			asOf: expect.stringMatching(/^This date is in the future/)
		});
		expect(await fields({ asOf: '1970-01-01T18:00' })).toEqual({
			asOf: 'Before 2000-01-01: check the year.'
		});
		expect(await fields({ asOf: '2020-11-31T18:00' })).toEqual({ asOf: 'Enter a date and time.' });
		expect(await fields({ asOf: '2020-09-20T18:00' })).toEqual({
			asOf: 'Before the response began (2020-10-01).'
		});
		expect(await fields({ periodFrom: '2020-09-14', periodTo: '2020-10-20' })).toEqual({
			periodFrom: 'Before the response began (2020-10-01).'
		});
		expect(await fields({ nextReportOn: '9999-12-31' })).toEqual({
			nextReportOn: expect.stringMatching(/^More than a year ahead/)
		});
		expect(await w.db.select().from(sitreps)).toHaveLength(0);
		await draftSitrep(w.db, w.coordinator, w.responseId, { asOf: `${addDays(today, 1)}T18:00` });
		expect(await w.db.select().from(sitreps)).toHaveLength(1);
	});
});
