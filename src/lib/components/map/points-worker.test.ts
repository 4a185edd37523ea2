import { expect, it } from 'vitest';
import { pointsAddress, pointsToGeoJSON } from './points-worker.mjs';

it('gives the map each point with its seq as id and only what the map draws (flagged)', () => {
	const geojson = pointsToGeoJSON({
		count: 2,
		seq: [7, 9],
		lon: [103.2, 103.25],
		lat: [13.1, 13.05],
		affected: [40, 12],
		flagged: [0, 1]
	});
	expect(geojson.features).toEqual([
		{
			type: 'Feature',
			id: 7,
			geometry: { type: 'Point', coordinates: [103.2, 13.1] },
			properties: { d: 0 }
		},
		{
			type: 'Feature',
			id: 9,
			geometry: { type: 'Point', coordinates: [103.25, 13.05] },
			properties: { d: 1 }
		}
	]);
});

it('reads the points from the page’s own origin, with the address and filters the page gave', () => {
	expect(
		pointsAddress(
			'sahakar-points://points/api/v1/assessments/points?responseId=2&from=2020-10-01&version=3.9.0.0',
			'http://127.0.0.1:4141'
		)
	).toBe(
		'http://127.0.0.1:4141/api/v1/assessments/points?responseId=2&from=2020-10-01&version=3.9.0.0'
	);
});
