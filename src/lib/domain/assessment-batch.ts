/**
 * How many assessments one `POST /api/v1/assessments` may carry, known to the server and the
 * outbox alike; a module of its own so the outbox's pages do not load the schemas with it.
 */

/** A batch (`{ "records": [...] }`): at most this many records… */
export const BATCH_MAX_RECORDS = 100;
/** …in a body of at most this many bytes. */
export const BATCH_MAX_BYTES = 1_000_000;
/** One assessment alone is a few kilobytes; anything near this is not one. */
export const SINGLE_MAX_BYTES = 64_000;
