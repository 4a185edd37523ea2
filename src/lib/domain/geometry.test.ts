import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	bboxContains,
	featureCollectionBbox,
	geometryBbox,
	isLonLat,
	roundGeometry,
	unionBbox
} from './geometry';

describe('geometry helpers', () => {
	it('computes bounding boxes of nested geometry', () => {
		expect(
			geometryBbox({
				type: 'MultiPolygon',
				coordinates: [
					[
						[
							[1, 2],
							[3, 2],
							[3, 5],
							[1, 2]
						]
					],
					[
						[
							[-1, 0],
							[0, 0],
							[0, 1],
							[-1, 0]
						]
					]
				]
			})
		).toEqual([-1, 0, 3, 5]);
		expect(geometryBbox({ type: 'LineString', coordinates: [] })).toBeNull();
		expect(
			featureCollectionBbox({
				type: 'FeatureCollection',
				features: [
					{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [5, 6] } },
					{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [2, 9] } }
				]
			})
		).toEqual([2, 6, 5, 9]);
		expect(unionBbox([null, [0, 0, 1, 1], undefined, [2, -1, 3, 0]])).toEqual([0, -1, 3, 1]);
		expect(unionBbox([])).toBeNull();
	});

	it('every position lies in the bbox of its geometry', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.tuple(
						fc.double({ min: -180, max: 180, noNaN: true }),
						fc.double({ min: -90, max: 90, noNaN: true })
					),
					{ minLength: 1 }
				),
				(points) => {
					const box = geometryBbox({ type: 'MultiPoint', coordinates: points })!;
					return points.every(([x, y]) => bboxContains(box, x, y));
				}
			)
		);
	});

	it('rounds coordinates and keeps the structure', () => {
		expect(
			roundGeometry(
				{
					type: 'Polygon',
					coordinates: [
						[
							[104.123456, 11.987654],
							[105, 12],
							[104.5, 12.5],
							[104.123456, 11.987654]
						]
					]
				},
				3
			).coordinates[0][0]
		).toEqual([104.123, 11.988]);
	});

	it('checks longitude and latitude ranges', () => {
		expect(isLonLat(104.9, 11.5)).toBe(true);
		expect(isLonLat(181, 0)).toBe(false);
		expect(isLonLat(0, -91)).toBe(false);
		expect(isLonLat(Number.NaN, 0)).toBe(false);
		expect(isLonLat('104', 11)).toBe(false);
	});
});
