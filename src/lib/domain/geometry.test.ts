import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	bboxContains,
	featureCollectionBbox,
	geometryBbox,
	isLonLat,
	labelPoint,
	labelPoints,
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

describe('labelPoint', () => {
	const ring = (pts: [number, number][]) => [...pts, pts[0]];
	it('uses the centroid of a convex shape', () => {
		const p = labelPoint({
			type: 'Polygon',
			coordinates: [
				ring([
					[0, 0],
					[4, 0],
					[4, 2],
					[0, 2]
				])
			]
		})!;
		expect(p[0]).toBeCloseTo(2);
		expect(p[1]).toBeCloseTo(1);
	});

	it('stays inside a C shape whose centroid is outside', () => {
		// A "C": the centroid falls in the open middle.
		const c = ring([
			[0, 0],
			[10, 0],
			[10, 2],
			[2, 2],
			[2, 8],
			[10, 8],
			[10, 10],
			[0, 10]
		]);
		const p = labelPoint({ type: 'Polygon', coordinates: [c] })!;
		expect(p[0] < 2 || p[1] < 2 || p[1] > 8).toBe(true);
	});

	it('labels the largest part of a multipolygon once', () => {
		const small = ring([
			[20, 20],
			[21, 20],
			[21, 21],
			[20, 21]
		]);
		const big = ring([
			[0, 0],
			[10, 0],
			[10, 10],
			[0, 10]
		]);
		const fc = labelPoints({
			type: 'FeatureCollection',
			features: [
				{
					type: 'Feature',
					properties: { n: 1 },
					geometry: { type: 'MultiPolygon', coordinates: [[small], [big]] }
				}
			]
		});
		expect(fc.features).toHaveLength(1);
		expect(fc.features[0].geometry.coordinates[0]).toBeCloseTo(5);
		expect(fc.features[0].properties).toEqual({ n: 1 });
	});
});
