import { json } from '@sveltejs/kit';
import { engineOf, getDb, migrationState, ping } from '$lib/server/db';
import type { RequestHandler } from './$types';

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * For load balancers and monitors: 200 when the database answers and is fully migrated, 503
 * otherwise. Anyone may ask, so the answer is only the status and the engine (`sqlite` or
 * `postgres`, for whoever runs several servers); the cause goes to the server log.
 */
export const GET: RequestHandler = async () => {
	try {
		const db = getDb();
		await ping(db);
		const { shipped, applied } = await migrationState(db);
		if (applied < shipped) {
			console.error(`healthz: ${applied} of ${shipped} migrations applied`);
			return json({ status: 'unavailable' }, { status: 503, headers: NO_STORE });
		}
		return json({ status: 'ok', engine: engineOf(db) }, { headers: NO_STORE });
	} catch (e) {
		console.error('healthz: the database does not answer', e);
		return json({ status: 'unavailable' }, { status: 503, headers: NO_STORE });
	}
};
