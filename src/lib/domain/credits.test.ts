import { describe, expect, it } from 'vitest';
import { ODC_CREDIT, OSM_CREDIT, collectionCredit, shapeCredits } from './credits';

describe('map credits', () => {
	it('owe OpenStreetMap for geoBoundaries provinces and ODC for its districts, once each', () => {
		expect(
			shapeCredits([
				{ level: 1, source: 'geoBoundaries-KHM-ADM1_simplified.topojson' },
				{ level: 1, source: 'geoBoundaries-KHM-ADM1_simplified.topojson' },
				{ level: 2, source: 'geoBoundaries-KHM-ADM2_simplified.topojson' }
			])
		).toEqual([OSM_CREDIT, ODC_CREDIT]);
	});

	it('owe nothing more for the default Natural Earth provinces', () => {
		const collection = {
			features: [{ properties: { level: 1, source: 'natural-earth' } }]
		};
		expect(collectionCredit(collection)).toBeUndefined();
	});
});
