/**
 * The assessment pages' filters (the list, the map), read leniently from their URL: the API's
 * (`assessmentApiFilters`). Apart from `assessments.ts`, which the form's page loads: built
 * when the module loads, these would ship in its JavaScript.
 */
import { z } from 'zod';
import { ACCESS } from './assessments';
import { isoDate, pcode, urlFilter } from './validation';

export const assessmentPageFilters = {
	area: urlFilter(pcode),
	from: urlFilter(isoDate),
	to: urlFilter(isoDate),
	access: urlFilter(z.enum(ACCESS))
};
