import { describe, expect, it } from 'vitest';
import { MAP_FONT, nameField, offlineStyle } from './style';

const fonts = {
	khmer: 'http://app.test/_app/immutable/assets/khmer.woff2',
	latin: 'http://app.test/_app/immutable/assets/latin.woff2'
};

describe('offlineStyle', () => {
	const style = offlineStyle({ locale: 'km', fonts, basemapUrl: 'http://app.test/basemap' });

	it('fetches nothing but the given origin: no glyphs, no sprite, local sources and fonts', () => {
		expect(style.glyphs).toBeUndefined();
		expect(style.sprite).toBeUndefined();
		const urls = [
			...Object.values(style.sources).map((s) => ('data' in s ? s.data : null)),
			...Object.values(style['font-faces']!).flatMap((f) =>
				typeof f === 'string' ? [f] : f.map((x) => x.url)
			)
		];
		expect(urls.length).toBeGreaterThan(5);
		for (const url of urls) expect(String(url)).toMatch(/^http:\/\/app\.test\//);
	});

	it('draws Khmer with the Khmer font file and names in the page language', () => {
		const faces = style['font-faces']![MAP_FONT] as { url: string; 'unicode-range'?: string[] }[];
		expect(faces.find((f) => f['unicode-range']?.includes('U+1780-17FF'))?.url).toBe(fonts.khmer);
		const labels = style.layers.find((l) => l.id === 'place-labels');
		expect(labels?.type).toBe('symbol');
		expect(JSON.stringify(labels)).toContain('name_km');
		expect(nameField('km')[1]).toEqual(['get', 'name_km']);
		expect(nameField('en')[1]).toEqual(['get', 'name_en']);
	});

	it('credits Natural Earth on every basemap source', () => {
		for (const s of Object.values(style.sources)) {
			expect('attribution' in s && s.attribution).toContain('Natural Earth');
		}
	});
});
