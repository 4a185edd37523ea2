import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { OSM_CREDIT } from '$lib/domain/credits';
import { adminAreas } from '$lib/server/db/schema';
import { colourScale } from '$lib/components/map/colour';
import { testDb } from '$lib/server/testing';
import { boundaries } from '$lib/server/places/geo';
import { choroplethMap } from '$lib/server/sitreps/svg/map';
import { toSvg } from '$lib/server/sitreps/svg/scene';
import { withDrawings } from '$lib/server/drawn';
import { mapPreview, previewAt, previewLink } from './preview';

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

	it('links a page to its preview, whose address draws the same picture with the figures in it', async () => {
		const { db } = await testDb();
		const values = { KH01: 180_000, KH02: 20_000 };
		const link = (await previewLink(db, { kind: 'arrivals', level: 1, values, locale: 'km' }))!;
		expect(link.title).toBe('ច្រកព្រំដែន និងគោលដៅ');
		expect(link.src).toMatch(
			/^\/map\/preview\.svg\?kind=arrivals&level=1&lang=km&b=[^&]+&v=KH01:180000,KH02:20000$/
		);
		const at = (await previewAt(db, new URL(link.src, 'http://localhost')))!;
		expect(at.lasting).toBe(true);
		expect(await at.svg()).toBe(
			await mapPreview(db, {
				title: link.title,
				level: 1,
				values,
				legendTitle: 'ចំនួនមនុស្សទៅកាន់ខេត្តនីមួយៗ',
				locale: 'km'
			})
		);
		// Other figures: another address and another tag; an address no page makes: nothing.
		const other = (await previewLink(db, {
			kind: 'arrivals',
			level: 1,
			values: { KH01: 1 },
			locale: 'km'
		}))!;
		expect(other.src).not.toBe(link.src);
		const otherAt = (await previewAt(db, new URL(other.src, 'http://localhost')))!;
		expect(otherAt.etag).not.toBe(at.etag);
		expect(
			await previewAt(db, new URL('/map/preview.svg?kind=x&level=1&lang=en', 'http://x'))
		).toBeNull();
		expect(
			await previewAt(
				db,
				new URL('/map/preview.svg?kind=arrivals&level=1&lang=en&v=<b>:1', 'http://x')
			)
		).toBeNull();
		expect(
			await previewLink(db, { kind: 'reached', level: 2, values: {}, locale: 'en' })
		).toBeNull();
	});

	it('draws the assessment map’s preview, assessments by province, in both languages', async () => {
		const { db } = await testDb();
		const values = { KH02: 5, KH07: 1 };
		for (const [locale, title, legend] of [
			['en', 'Assessment map', 'Assessments'],
			['km', 'ផែនទីការវាយតម្លៃ', 'ការវាយតម្លៃ']
		] as const) {
			const link = (await previewLink(db, { kind: 'assessments', level: 1, values, locale }))!;
			expect(link.title).toBe(title);
			expect(link.src).toMatch(/kind=assessments&level=1&lang=\w+&b=[^&]+&v=KH02:5,KH07:1$/);
			const svg = (await (await previewAt(db, new URL(link.src, 'http://localhost')))!.svg())!;
			expect(svg).toContain(`<title>${title}</title>`);
			expect(svg).toContain(`>${legend}</text>`);
			const scale = colourScale(Object.values(values));
			expect(paths(svg)).toContain(scale.colourOf(5));
			expect(paths(svg)).toContain(scale.colourOf(1));
		}
	});

	it("puts each preview into its page's HTML once, where the page's box links to it", async () => {
		const { db } = await testDb();
		const link = (await previewLink(db, { kind: 'provinces', level: 1, locale: 'en' }))!;
		const attribute = link.src.replace(/&/g, '&amp;');
		const html = `<main><div class="preview s-1" data-drawn="${attribute}"></div><p>after</p></main>`;
		const svg = (await mapPreview(db, {
			title: 'Provinces',
			level: 1,
			legendTitle: 'Provinces',
			fill: '#f6d8ae',
			locale: 'en'
		}))!;
		const redraw = async () => null;
		expect(await withDrawings(html, redraw)).toBe(
			`<main><div class="preview s-1" data-drawn="${attribute}">${svg}</div><p>after</p></main>`
		);
		expect(await withDrawings('<main></main>', redraw)).toBe('<main></main>');
	});
});
