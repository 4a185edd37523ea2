import { makePgTemplate } from '../../src/lib/server/db/pg-testing';

/** The PostgreSQL test project's global set-up: the migrated template every test copies. */
export default async function setup(): Promise<() => Promise<void>> {
	return makePgTemplate();
}
