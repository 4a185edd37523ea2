import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { OSM_CREDIT } from '$lib/domain/credits';
import { adminAreas } from '$lib/server/db/schema';
import { colourScale } from '$lib/components/map/colour';
import { testDb } from '$lib/server/testing';
import { boundaries } from '$lib/server/places/geo';
import { choroplethMap } from '$lib/server/sitreps/svg/map';
import { toSvg } from '$lib/server/sitreps/svg/scene';
import { mapPreview } from './preview';

const paths = (svg: string) =>
	[...svg.matchAll(/<path d="[^"]+" fill="([^"]+)"/g)].map((x) => x[1]);

describe('map previews', () => {
	it('shades the provinces by value, as the sitrep map does, in the page language', async () => {
		const { db } = await testDb();
		const values = { KH01: 180_000, KH02: 20_000 };
		const svg = (await mapPreview(db, {
			title: 'Arrivals by destination',
			level: 1,
			values,
			legendTitle: 'Persons',
			locale: 'en'
		}))!;
		expect(svg).toMatch(/^<svg [^>]*role="img"/);
		expect(svg).toContain('<title>Arrivals by destination</title>');
		const fills = paths(svg);
		// Every province with a shape (the default map has 24) is drawn once.
		expect(fills).toHaveLength(24);
		const scale = colourScale(Object.values(values));
		expect(fills).toContain(scale.colourOf(180_000));
		expect(fills).toContain(scale.colourOf(20_000));
		expect(fills.filter((f) => f === scale.noData)).toHaveLength(22);
		expect(svg).toContain('No data');
		expect(
			await mapPreview(db, { ...{ title: 'x', level: 1, legendTitle: 'y' }, locale: 'km' })
		).toContain('គ្មានទិន្នន័យ');
	});

	it('draws only the areas asked for, in one colour when there are no values', async () => {
		const { db } = await testDb();
		const svg = (await mapPreview(db, {
			title: 'Provinces',
			level: 1,
			legendTitle: 'Provinces',
			fill: '#f6d8ae',
			only: ['KH01', 'KH02'],
			locale: 'en'
		}))!;
		expect(paths(svg)).toEqual(['#f6d8ae', '#f6d8ae']);
	});

	it('draws nothing for a level without shapes', async () => {
		const { db } = await testDb();
		expect(
			await mapPreview(db, { title: 'x', level: 2, legendTitle: 'y', locale: 'en' })
		).toBeNull();
	});

	it('credits the shapes it draws, as the sitrep map does', async () => {
		const { db } = await testDb();
		const input = { title: 'Provinces', level: 1, legendTitle: 'Provinces', locale: 'en' } as const;
		expect(await mapPreview(db, input)).not.toContain('OpenStreetMap');
		await db
			.update(adminAreas)
			.set({ geometrySource: 'geoBoundaries-KHM-ADM1_simplified.topojson' })
			.where(eq(adminAreas.level, 1));
		expect(await mapPreview(db, input)).toContain(OSM_CREDIT);
	});

	it('weighs a fraction of the print map: shapes simplified to what a page shows', async () => {
		const { db } = await testDb();
		const input = { title: 'Provinces', level: 1, legendTitle: 'Provinces', locale: 'en' } as const;
		const svg = (await mapPreview(db, input))!;
		const print = toSvg(
			choroplethMap({
				...input,
				areas: (await boundaries(db, 1)).features.map((f) => ({
					pcode: f.properties.pcode,
					name: f.properties.nameEn,
					geometry: f.geometry
				})),
				values: {},
				pointsTitle: '',
				noDataLabel: 'No data',
				format: String
			})
		);
		const vertices = (s: string) => s.match(/[ML][\d.]+,[\d.]+/g)?.length ?? 0;
		expect(paths(svg)).toHaveLength(paths(print).length);
		expect(vertices(svg)).toBeLessThan(vertices(print) / 2);
		expect(svg.match(/ d="[^"]*"/g)?.join('')).not.toMatch(/\.\d\d/);
		expect(svg.length).toBeLessThan(print.length / 2);
	});
});
