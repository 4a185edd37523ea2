import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, type RootDb } from '$lib/server/db';
import { arrivalTallies, auditLog, locations, organisations, users } from '$lib/server/db/schema';
import { ensureProvinces } from '$lib/server/places/provinces';
import { UserError } from '$lib/server/errors';
import { createResponse, getResponse, listResponses, setResponseStatus, updateResponse } from '.';

let db: RootDb;
const actor = { id: 1, role: 'coordinator' as const, organisationId: 1 };

beforeEach(() => {
	db = openTestDb();
	ensureProvinces(db);
	db.insert(organisations).values({ name: 'IOM', acronym: 'IOM', type: 'un_agency' }).run();
	db.insert(users)
		.values({ email: 'c@x.org', name: 'C', role: 'coordinator', organisationId: 1 })
		.run();
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
	it('creates, lists and reads a response with its provinces', () => {
		const { id } = createResponse(db, actor, input);
		expect(listResponses(db)).toMatchObject([{ id, name: 'Floods 2020', status: 'active' }]);
		expect(getResponse(db, id)?.provinces).toEqual(['KH02', 'KH15']);
	});

	it('refuses an unknown province and saves nothing', () => {
		expect(() => createResponse(db, actor, { ...input, provinces: ['KH02', 'KH99'] })).toThrow(
			UserError
		);
		expect(listResponses(db)).toEqual([]);
		expect(db.select().from(auditLog).all()).toEqual([]);
	});

	it('updates and closes with an end date, recording each change', () => {
		const { id } = createResponse(db, actor, input);
		updateResponse(db, actor, id, { ...input, name: 'Floods Oct 2020', provinces: ['KH01'] });
		setResponseStatus(db, actor, id, 'closed', '2020-12-15');
		expect(getResponse(db, id)).toMatchObject({
			name: 'Floods Oct 2020',
			status: 'closed',
			endDate: '2020-12-15',
			provinces: ['KH01']
		});
		const actions = db
			.select()
			.from(auditLog)
			.all()
			.map((e) => e.action);
		expect(actions).toEqual(['create', 'update', 'update']);
	});

	it('keeps the areas a coordinator chose, and lists them for the menu', () => {
		const { id } = createResponse(db, actor, { ...input, areas: ['assessments'] });
		expect(getResponse(db, id)?.areas).toEqual(['assessments']);
		updateResponse(db, actor, id, { ...input, areas: ['assessments', 'returns'] });
		expect(listResponses(db)).toMatchObject([{ id, areas: ['returns', 'assessments'] }]);
		const change = db.select().from(auditLog).all().at(-1);
		expect(change?.after).toMatchObject({ areas: ['returns', 'assessments'] });
	});

	it('gives existing responses their kind’s areas, and every area they hold records in', () => {
		const kinds = ['flood', 'mass_return', 'epidemic', 'other'] as const;
		const ids = kinds.map((kind) => createResponse(db, actor, { ...input, kind, areas: [] }).id);
		// An epidemic that recorded an arrival keeps its returns pages.
		const locationId = db
			.insert(locations)
			.values({
				kind: 'border_crossing',
				nameEn: 'Poipet',
				nameKm: 'ប៉ោយប៉ែត',
				lon: 102.56,
				lat: 13.66
			})
			.returning()
			.get().id;
		db.insert(arrivalTallies)
			.values({
				responseId: ids[2],
				locationId,
				arrivedOn: '2020-10-02',
				shift: 'morning',
				organisationId: 1,
				recordedBy: 1
			})
			.run();
		db.$client.exec(readFileSync('drizzle/0014_backfill_response_areas.sql', 'utf8'));
		expect(ids.map((id) => getResponse(db, id)?.areas)).toEqual([
			['shelter', 'assessments'],
			['returns', 'shelter'],
			['returns', 'assessments'],
			['returns', 'shelter', 'assessments']
		]);
	});

	it('keeps 25 provinces with Khmer names however often they are ensured', () => {
		ensureProvinces(db);
		const rows = db.query.adminAreas.findMany().sync();
		expect(rows).toHaveLength(25);
		expect(rows.find((r) => r.pcode === 'KH25')).toMatchObject({
			nameEn: 'Tboung Khmum',
			nameKm: 'ត្បូងឃ្មុំ'
		});
	});
});
