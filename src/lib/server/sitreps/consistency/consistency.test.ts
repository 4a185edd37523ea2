/**
 * The proof that every key figure is defined once: for the demo and for random responses, each
 * figure of a sitrep equals, exactly, the same measure read through the page's service, the sum
 * of the export's rows (the CSV a person downloads) and the API. A provider's new measure fails
 * here until it has its cross-checks in `checks.ts`.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { todayInCambodia } from '$lib/domain/dates';
import type { KeyFigure } from '$lib/domain/figures';
import { type Db } from '$lib/server/db';
import { openTestDb } from '$lib/server/db/testing';
import type { SessionUser } from '$lib/server/auth/sessions';
import { seedDemo } from '$lib/server/seed';
import { FIGURE_PROVIDERS, computeFigures } from '../providers';
import { CHECKS, type Check, type View } from './checks';
import { buildResponse, responsePlan } from './generate';
import { views } from './views';

const declared = FIGURE_PROVIDERS.flatMap((p) => p.measures);

interface Mismatch {
	figure: string;
	view: string;
	sitrep: number;
	other: number;
}

/** Every figure of the report against every view; the measures met and what disagreed. */
async function crossCheck(db: Db, responseId: number, asOf: Date, reader: SessionUser) {
	const figures = await computeFigures(db, responseId, asOf);
	const v = views(db, responseId, todayInCambodia(asOf), reader);
	const mismatches: Mismatch[] = [];
	const met = new Set<string>();
	const read = async (f: KeyFigure, name: string, view: View) => {
		const other = await view(f, v);
		if (other !== f.value) mismatches.push({ figure: f.key, view: name, sitrep: f.value, other });
	};
	for (const f of figures) {
		const measure = f.measure ?? '';
		if (!declared.includes(measure)) throw new Error(`${f.key}: measure “${measure}” not declared`);
		const check: Check | undefined = CHECKS[measure];
		if (!check) throw new Error(`${f.key}: no cross-checks for “${measure}” in checks.ts`);
		met.add(measure);
		await read(f, 'page', check.page);
		await read(f, 'export', check.export);
		await read(f, 'api', check.api);
	}
	return { figures, mismatches, met };
}

describe('the figures’ cross-checks', () => {
	it('exist for every measure a provider declares, and only for those', () => {
		expect(Object.keys(CHECKS).sort()).toEqual([...new Set(declared)].sort());
		expect(new Set(declared).size).toBe(declared.length);
	});
});

describe('the demo’s figures', () => {
	it('are the same in the sitrep, the pages, the exports and the API', async () => {
		const db = await openTestDb();
		const ctx = await seedDemo(db);
		const reader: SessionUser = {
			id: ctx.users.coordinator,
			email: 'coordinator@demo.sahakar.org',
			name: 'Coordinator',
			role: 'coordinator',
			organisationId: ctx.organisations.IOM,
			organisationAcronym: 'IOM',
			language: 'en'
		};
		const met = new Set<string>();
		const reports: [number, string][] = [
			[ctx.responses.massReturn, '2014-06-16T18:00:00+07:00'],
			[ctx.responses.massReturn, '2014-07-10T18:00:00+07:00'],
			[ctx.responses.flood, '2020-10-20T18:00:00+07:00'],
			[ctx.responses.flood, '2020-12-01T18:00:00+07:00']
		];
		for (const [responseId, at] of reports) {
			const result = await crossCheck(db, responseId, new Date(at), reader);
			expect(result.mismatches, `${responseId} as of ${at}`).toEqual([]);
			expect(result.figures.length).toBeGreaterThan(0);
			for (const m of result.met) met.add(m);
		}
		// Every check ran on the demo at least once: none is dead code.
		expect([...met].sort()).toEqual(Object.keys(CHECKS).sort());
	}, 120_000);
});

describe('random responses’ figures', () => {
	it('are the same in the sitrep, the pages, the exports and the API', async () => {
		await fc.assert(
			fc.asyncProperty(responsePlan, async (plan) => {
				const w = await buildResponse(plan);
				const { mismatches } = await crossCheck(w.db, w.responseId, w.asOf, w.coordinator);
				expect(mismatches).toEqual([]);
			}),
			{ numRuns: 25 }
		);
	}, 120_000);
});
