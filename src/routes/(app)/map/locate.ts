import { z } from 'zod';
import { checkPoint, pointShape } from '$lib/domain/points';

/** The /map page's "which area is this point in?" form. */
export const locateSchema = z
	.object(pointShape)
	.superRefine((data, ctx) => checkPoint(data, ctx, { required: true }));
