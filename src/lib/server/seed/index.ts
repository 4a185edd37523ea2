import { sql } from 'drizzle-orm';
import type { RootDb } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { ensureProvinces } from '$lib/server/places/provinces';
import { seedFoundation, type SeedContext } from './foundation';
import { seedAssessments } from './assessments';
import { seedReturns } from './returns';
import { seedSitreps } from './sitreps';
import { seedShelter } from './shelter';

/** Each area adds its demo data after the foundation's, in this order. */
const AREA_SEEDS: ((db: RootDb, ctx: SeedContext) => void | Promise<void>)[] = [
	seedAssessments,
	seedReturns,
	seedShelter,
	seedSitreps
];

export async function isEmpty(db: RootDb): Promise<boolean> {
	const [{ n }] = await db.select({ n: sql<number>`count(*)` }).from(users);
	return n === 0;
}

/** Fills an empty, migrated database with the demo. */
export async function seedDemo(db: RootDb): Promise<SeedContext> {
	await ensureProvinces(db);
	const ctx = await seedFoundation(db);
	for (const seed of AREA_SEEDS) await seed(db, ctx);
	return ctx;
}
