import { json } from '@sveltejs/kit';
import { getDb, migrationState } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** For load balancers and monitors: 200 when the database answers and is fully migrated. */
export const GET: RequestHandler = () => {
	try {
		const db = getDb();
		db.$client.prepare('select 1').get();
		const { shipped, applied } = migrationState(db);
		const migrated = applied >= shipped;
		return json(
			{ status: migrated ? 'ok' : 'unmigrated', database: 'ok', migrations: { shipped, applied } },
			{ status: migrated ? 200 : 503, headers: { 'cache-control': 'no-store' } }
		);
	} catch (e) {
		return json(
			{ status: 'error', database: 'unreachable', message: (e as Error).message },
			{ status: 503, headers: { 'cache-control': 'no-store' } }
		);
	}
};
