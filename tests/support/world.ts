/**
 * The test world as the built-app tests see it: what `make-world.ts` printed about the database
 * it made, and the request bodies built on it. Nothing here touches the database, so test files
 * can import it without running the script.
 */
import { randomUUID } from 'node:crypto';
import type { World } from './make-world';

export type { World, WorldRecords } from './make-world';

/** A rapid assessment in the world's response, as the API takes it; `id` is the client's. */
export const assessmentBody = (world: World, id: string = randomUUID()) => ({
	id,
	responseId: world.responseId,
	lon: 103.2,
	lat: 13.1,
	observedOn: '2020-10-15',
	affectedHouseholds: 3,
	affected_f_18_59: 4,
	access: 'road',
	waterState: 'limited',
	sanitationState: 'working',
	needs: ['water']
});
