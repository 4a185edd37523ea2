import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { sqliteClient, type RootDb } from '$lib/server/db';
import { openTestDb } from '$lib/server/db/testing';
import { arrivalTallies, auditLog, locations, organisations, users } from '$lib/server/db/schema';
import { ensureProvinces } from '$lib/server/places/provinces';
import { UserError } from '$lib/server/errors';
import { createResponse, getResponse, listResponses, setResponseStatus, updateResponse } from '.';

let db: RootDb;
const actor = { id: 1, role: 'coordinator' as const, organisationId: 1 };

beforeEach(async () => {
	db = await openTestDb();
	await ensureProvinces(db);
	await db.insert(organisations).values({ name: 'IOM', acronym: 'IOM', type: 'un_agency' });
	await db
		.insert(users)
		.values({ email: 'c@x.org', name: 'C', role: 'coordinator', organisationId: 1 });
});

const input = {
	name: 'Floods 2020',
	kind: 'flood' as const,
	startDate: '2020-10-01',
	endDate: null,
	description: null,
	provinces: ['KH02', 'KH15'],
	areas: ['shelter' as const, 'assessments' as const]
};

describe('responses', () => {
	it('creates, lists and reads a response with its provinces', async () => {
		const { id } = await createResponse(db, actor, input);
		expect(await listResponses(db)).toMatchObject([{ id, name: 'Floods 2020', status: 'active' }]);
		expect((await getResponse(db, id))?.provinces).toEqual(['KH02', 'KH15']);
	});

	it('refuses an unknown province and saves nothing', async () => {
		await expect(
			createResponse(db, actor, { ...input, provinces: ['KH02', 'KH99'] })
		).rejects.toThrow(UserError);
		expect(await listResponses(db)).toEqual([]);
		expect(await db.select().from(auditLog)).toEqual([]);
	});

	it('saves both of two responses created at once, each with its own provinces', async () => {
		const [a, b] = await Promise.all([
			createResponse(db, actor, { ...input, name: 'A', provinces: ['KH01'] }),
			createResponse(db, actor, { ...input, name: 'B', provinces: ['KH02', 'KH15'] })
		]);
		expect((await getResponse(db, a.id))?.provinces).toEqual(['KH01']);
		expect((await getResponse(db, b.id))?.provinces).toEqual(['KH02', 'KH15']);
		expect(await db.select().from(auditLog)).toHaveLength(2);
	});

	it('updates and closes with an end date, recording each change', async () => {
		const { id } = await createResponse(db, actor, input);
		await updateResponse(db, actor, id, {
			...input,
			name: 'Floods Oct 2020',
			provinces: ['KH01']
		});
		await setResponseStatus(db, actor, id, 'closed', '2020-12-15');
		expect(await getResponse(db, id)).toMatchObject({
			name: 'Floods Oct 2020',
			status: 'closed',
			endDate: '2020-12-15',
			provinces: ['KH01']
		});
		const actions = (await db.select().from(auditLog)).map((e) => e.action);
		expect(actions).toEqual(['create', 'update', 'update']);
	});

	it('keeps the areas a coordinator chose, and lists them for the menu', async () => {
		const { id } = await createResponse(db, actor, { ...input, areas: ['assessments'] });
		expect((await getResponse(db, id))?.areas).toEqual(['assessments']);
		await updateResponse(db, actor, id, { ...input, areas: ['assessments', 'returns'] });
		expect(await listResponses(db)).toMatchObject([{ id, areas: ['returns', 'assessments'] }]);
		const change = (await db.select().from(auditLog)).at(-1);
		expect(change?.after).toMatchObject({ areas: ['returns', 'assessments'] });
	});

	it('gives existing responses their kind’s areas, and every area they hold records in', async () => {
		const kinds = ['flood', 'mass_return', 'epidemic', 'other'] as const;
		const ids: number[] = [];
		for (const kind of kinds)
			ids.push((await createResponse(db, actor, { ...input, kind, areas: [] })).id);
		// An epidemic that recorded an arrival keeps its returns pages.
		const [{ id: locationId }] = await db
			.insert(locations)
			.values({
				kind: 'border_crossing',
				nameEn: 'Poipet',
				nameKm: 'ប៉ោយប៉ែត',
				lon: 102.56,
				lat: 13.66
			})
			.returning();
		await db.insert(arrivalTallies).values({
			responseId: ids[2],
			locationId,
			arrivedOn: '2020-10-02',
			shift: 'morning',
			organisationId: 1,
			recordedBy: 1
		});
		sqliteClient(db).exec(readFileSync('drizzle/0014_backfill_response_areas.sql', 'utf8'));
		const areas = [];
		for (const id of ids) areas.push((await getResponse(db, id))?.areas);
		expect(areas).toEqual([
			['shelter', 'assessments'],
			['returns', 'shelter'],
			['returns', 'assessments'],
			['returns', 'shelter', 'assessments']
		]);
	});

	it('keeps 25 provinces with Khmer names however often they are ensured', async () => {
		await ensureProvinces(db);
		const rows = await db.query.adminAreas.findMany();
		expect(rows).toHaveLength(25);
		expect(rows.find((r) => r.pcode === 'KH25')).toMatchObject({
			nameEn: 'Tboung Khmum',
			nameKm: 'ត្បូងឃ្មុំ'
		});
	});
});
