import { apiReference } from '$lib/server/api/reference';
import type { PageServerLoad } from './$types';

/** A document to read: no script needed, so none is sent. */
export const csr = false;

export const load: PageServerLoad = () => apiReference();
