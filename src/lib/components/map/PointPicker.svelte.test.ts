import { tick } from 'svelte';
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { BoundaryCollection } from '$lib/domain/places';
import PointPicker from './PointPicker.svelte';
import { areaAtLater } from './area-lookup';

/** One province, a square around Kampong Thom town. */
const PROVINCES: BoundaryCollection = {
	type: 'FeatureCollection',
	features: [
		{
			type: 'Feature',
			id: 'KH06',
			properties: {
				pcode: 'KH06',
				level: 1,
				parentPcode: null,
				nameEn: 'Kampong Thom',
				nameKm: 'កំពង់ធំ',
				source: 'test'
			},
			geometry: {
				type: 'Polygon',
				coordinates: [
					[
						[104.5, 12.5],
						[105.5, 12.5],
						[105.5, 13.2],
						[104.5, 13.2],
						[104.5, 12.5]
					]
				]
			}
		}
	]
};

type Point = { lon: number; lat: number } | null;

function setup() {
	const changes: Point[] = [];
	const bound = $state<{ lon: number | null; lat: number | null }>({ lon: null, lat: null });
	render(PointPicker, {
		provinces: PROVINCES,
		get lon() {
			return bound.lon;
		},
		set lon(v: number | null | undefined) {
			bound.lon = v ?? null;
		},
		get lat() {
			return bound.lat;
		},
		set lat(v: number | null | undefined) {
			bound.lat = v ?? null;
		},
		onchange: (p: Point) => changes.push(p)
	});
	const status = () => document.querySelector('.status')?.textContent;
	return { bound, changes, status };
}

async function typePoint(lon: string, lat: string) {
	await userEvent.clear(screen.getByLabelText('Longitude'));
	await userEvent.type(screen.getByLabelText('Longitude'), lon);
	await userEvent.clear(screen.getByLabelText('Latitude'));
	await userEvent.type(screen.getByLabelText('Latitude'), lat);
	await userEvent.tab();
	// The province is looked up with code loaded on the first point: a lookup asked after the
	// picker's has its answer after the picker's.
	await areaAtLater([], 0, 0);
	await tick();
}

describe('PointPicker', () => {
	it('says which province a typed point is in, and tells the form', async () => {
		const { bound, changes, status } = setup();
		expect(status()).toBe('');
		await typePoint('104.9', '12.8');
		expect(status()).toBe('Inside Kampong Thom (KH06).');
		expect(bound).toEqual({ lon: 104.9, lat: 12.8 });
		expect(changes.at(-1)).toEqual({ lon: 104.9, lat: 12.8 });
	});

	it('warns about a point outside Cambodia, or inside it but in no province', async () => {
		const { changes, status } = setup();
		await typePoint('100.5', '13.75');
		expect(status()).toBe('This point is outside Cambodia.');
		expect(changes.at(-1)).toEqual({ lon: 100.5, lat: 13.75 });
		await typePoint('103', '11');
		expect(status()).toBe('This point is not inside any province.');
	});

	it('clears the point with its button, and works without a map', async () => {
		const { bound, changes, status } = setup();
		// The map waits to be asked for (its code is fetched then); here (no WebGL) it then says
		// it cannot draw, and the fields still work.
		expect(screen.queryByText(/cannot draw the map/)).toBeNull();
		await userEvent.click(screen.getByRole('button', { name: 'Pick the point on a map' }));
		expect(await screen.findByText(/cannot draw the map/)).toBeTruthy();
		expect(screen.queryByRole('button', { name: 'Clear the point' })).toBeNull();
		await typePoint('104.9', '12.8');
		await userEvent.click(screen.getByRole('button', { name: 'Clear the point' }));
		expect(bound).toEqual({ lon: null, lat: null });
		expect((screen.getByLabelText('Longitude') as HTMLInputElement).value).toBe('');
		expect(changes.at(-1)).toBeNull();
		expect(status()).toBe('');
	});
});
