/**
 * A point typed or picked in a form (`lon`, `lat`, decimal degrees WGS 84): zod fields and the
 * check that it lies in Cambodia. Spread `pointShape` into a form's object and call `checkPoint`
 * in its `superRefine`; the PointPicker component edits the same two fields.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { inCambodiaBbox } from './places';

const coordinate = (limit: number) =>
	z
		.number({ error: () => m.map_point_invalid() })
		.min(-limit, { error: () => m.map_point_invalid() })
		.max(limit, { error: () => m.map_point_invalid() })
		.nullish();

export const pointShape = { lon: coordinate(180), lat: coordinate(90) };

export interface PointInput {
	lon?: number | null;
	lat?: number | null;
}

/** Both or neither coordinate (both when `required`), and inside Cambodia's box. */
export function checkPoint(
	data: PointInput,
	ctx: z.RefinementCtx,
	options: { required?: boolean; prefix?: string } = {}
): void {
	const lonKey = `${options.prefix ?? ''}lon`;
	const latKey = `${options.prefix ?? ''}lat`;
	const hasLon = typeof data.lon === 'number';
	const hasLat = typeof data.lat === 'number';
	if (!hasLon && !hasLat) {
		if (options.required) {
			ctx.addIssue({ code: 'custom', path: [lonKey], message: m.error_required() });
			ctx.addIssue({ code: 'custom', path: [latKey], message: m.error_required() });
		}
		return;
	}
	if (!hasLon) ctx.addIssue({ code: 'custom', path: [lonKey], message: m.error_required() });
	if (!hasLat) ctx.addIssue({ code: 'custom', path: [latKey], message: m.error_required() });
	if (hasLon && hasLat && !inCambodiaBbox(data.lon as number, data.lat as number)) {
		const message = m.map_point_outside_cambodia();
		ctx.addIssue({ code: 'custom', path: [lonKey], message });
		ctx.addIssue({ code: 'custom', path: [latKey], message });
	}
}
