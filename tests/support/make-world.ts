/**
 * `tsx tests/support/make-world.ts DB_FILE`: makes the data the built-app security tests need in a
 * fresh database and prints what they need to know about it as JSON. Two organisations (OWN,
 * whose people of every role hold a session, and OTHER), one response, and for each role a
 * record of each kind from each organisation, so no request in the matrix depends on what the
 * one before it changed.
 */
import { randomUUID } from 'node:crypto';
import { eq, max } from 'drizzle-orm';
import { assessmentSchema } from '../../src/lib/domain/assessments';
import { ROLES } from '../../src/lib/domain/accounts';
import {
	newTallySchema,
	passengerSchema,
	type NewManifestInput
} from '../../src/lib/domain/returns';
import { sectorField } from '../../src/lib/domain/sitreps';
import { closeDb, migrateDb, openDb } from '../../src/lib/server/db';
import { first } from '../../src/lib/server/db/transaction';
import {
	adminAreas,
	apiTokens as apiTokensTable,
	locations,
	manifestPassengers,
	responses,
	sitrepShares
} from '../../src/lib/server/db/schema';
import { ensureProvinces } from '../../src/lib/server/places/provinces';
import {
	createOrganisation,
	createUser,
	issuePasswordToken
} from '../../src/lib/server/auth/accounts';
import { createApiToken } from '../../src/lib/server/auth/api-tokens';
import { hashPassword } from '../../src/lib/server/auth/crypto';
import { createSession } from '../../src/lib/server/auth/sessions';
import { recordFailure } from '../../src/lib/server/auth/throttle';
import { submitAssessment } from '../../src/lib/server/assessments';
import { createManifest, recordTally } from '../../src/lib/server/returns';
import { manifestInput } from '../../src/lib/server/returns/testing';
import { createActivity, createSite } from '../../src/lib/server/shelter';
import { activitySample, postPopulation, siteSample } from '../../src/lib/server/shelter/testing';
import { createJob } from '../../src/lib/server/shelter/import';
import { sample } from '../../src/lib/server/assessments/testing';
import { createShare, publishSitrep } from '../../src/lib/server/sitreps';
import { draftSitrep } from '../../src/lib/server/sitreps/testing';

const PASSWORD = 'security-test-password';
/** One record of each kind per column of the matrix: the five roles and the signed-out. */
const COLUMNS = [...ROLES, 'out'] as const;
type Role = (typeof ROLES)[number];

const path = process.argv[2];
if (!path) throw new Error('Usage: tsx tests/support/make-world.ts DB_FILE');
const db = openDb(path);
await migrateDb(db);
await ensureProvinces(db);

const passwordHash = await hashPassword(PASSWORD);
const own = (await createOrganisation(db, null, { name: 'Own NGO', acronym: 'OWN', type: 'ngo' }))
	.id;
const other = (
	await createOrganisation(db, null, { name: 'Other NGO', acronym: 'OTHER', type: 'ngo' })
).id;
const person = async (role: Role, organisationId: number, tag: string) => {
	const email = `${role}.${tag}@security.test`;
	const { user } = await createUser(
		db,
		null,
		{ email, name: `${role} ${tag}`, role, organisationId, language: 'en' },
		passwordHash
	);
	return { id: user.id, role, organisationId, email };
};
const people = {} as Record<Role, Awaited<ReturnType<typeof person>>>;
for (const r of ROLES) people[r] = await person(r, own, 'own');
const otherPartner = await person('partner', other, 'other');
const otherField = await person('field', other, 'other');
const coordinator = people.coordinator;

const [{ id: responseId }] = await db
	.insert(responses)
	.values({ name: 'Security test floods', kind: 'flood', startDate: '2020-10-01' })
	.returning();
await db.insert(adminAreas).values([
	{ pcode: 'KH0201', level: 2, parentPcode: 'KH02', nameEn: 'Banan', nameKm: 'បាណន់' },
	{ pcode: 'KH020101', level: 3, parentPcode: 'KH0201', nameEn: 'Kantueu', nameKm: 'កន្ទឺ' }
]);
const [{ id: poipet }] = await db
	.insert(locations)
	.values({ kind: 'border_crossing', nameEn: 'Poipet', nameKm: 'ប៉ោយប៉ែត', lon: 102.56, lat: 13.66 })
	.returning();

const world = { db, responseId, poipet } as unknown as Parameters<typeof manifestInput>[0];
const manifestFor = (over: Partial<NewManifestInput> = {}) =>
	manifestInput(world, {
		plannedDeparture: '2020-10-12T08:00:00+07:00',
		mode: 'named',
		headcount: undefined,
		passengers: [1, 2].map((i) =>
			passengerSchema.parse({ name: `Passenger ${i}`, sex: i % 2 ? 'f' : 'm', age: 30 + i })
		),
		...over
	});

/** One of each kind of record owned by `owner`'s organisation. */
async function records(owner: { id: number; role: 'partner' | 'field'; organisationId: number }) {
	const field = { ...owner, role: 'field' as const };
	const partner = { ...owner, role: 'partner' as const };
	const manifest = (await createManifest(db, field, manifestFor())).row;
	const passenger = (await first(
		db
			.select({ id: manifestPassengers.id })
			.from(manifestPassengers)
			.where(eq(manifestPassengers.manifestId, manifest.id))
	))!.id;
	const tally = (
		await recordTally(
			db,
			field,
			newTallySchema.parse({
				id: randomUUID(),
				responseId,
				locationId: poipet,
				arrivedOn: '2020-10-12',
				shift: 'morning',
				f_18_59: 10,
				m_18_59: 10,
				destinations: [{ pcode: 'KH03', persons: 5 }]
			})
		)
	).row.id;
	const activity = (await createActivity(db, partner, responseId, activitySample())).id;
	const submitted = (
		await createActivity(db, partner, responseId, activitySample(), { submit: true })
	).id;
	const site = (await createSite(db, coordinator, responseId, siteSample(owner.organisationId))).id;
	const count = (
		await postPopulation(db, field, site, {
			id: randomUUID(),
			asOf: '2020-10-12T08:00',
			households: 2,
			f_18_59: 3
		})
	).row.id;
	const assessment = (await submitAssessment(db, field, assessmentSchema.parse(sample(responseId))))
		.record.id;
	// An import is its uploader's alone: the partner's, as far as its size (4 bytes).
	const importJob = (await createJob(db, partner, responseId, { fileName: '4w.csv', size: 4 })).id;
	return { manifest, passenger, tally, activity, submitted, site, count, assessment, importJob };
}
type Records = Awaited<ReturnType<typeof records>>;

const pool = async (owner: Parameters<typeof records>[0]) => {
	const made = [];
	for (const _column of COLUMNS) {
		const r = await records(owner);
		made.push({ ...r, manifest: r.manifest.id });
	}
	return made;
};
const ownRecords = await pool({ ...people.partner, role: 'partner' });
const otherRecords = await pool({ ...otherPartner, role: 'partner' });

const sitrep = await draftSitrep(db, coordinator, responseId, {
	asOf: '2020-10-20T18:00',
	periodFrom: '2020-10-14',
	periodTo: '2020-10-20',
	highlights: 'Water receding.',
	overview: 'Flooding since 7 October.',
	contacts: 'HRF secretariat',
	nextReportOn: '2020-10-27',
	[sectorField('shelter_nfi', 'needs')]: 'Tarpaulins',
	[sectorField('shelter_nfi', 'response')]: 'Kits',
	[sectorField('shelter_nfi', 'gaps')]: 'Shelter'
});
await publishSitrep(db, coordinator, sitrep.id);
const shareToken = await createShare(db, coordinator, sitrep.id);
/** One share per column for the revoke action, and their ids. */
const shareIds: number[] = [];
for (const _column of COLUMNS) {
	await createShare(db, coordinator, sitrep.id);
	const [{ id }] = await db.select({ id: max(sitrepShares.id) }).from(sitrepShares);
	shareIds.push(id!);
}

const sessions = {} as Record<Role, string>;
/** A second session per role, for requests that end one (signing out). */
const spareSessions = {} as Record<Role, string>;
const apiTokens = {} as Record<Role, number>;
/** A token with the `write` scope per role, for the ODK and KoBo routes (HTTP Basic, Bearer). */
const writeTokens = {} as Record<Role, string>;
for (const role of ROLES) {
	sessions[role] = (await createSession(db, people[role].id)).token;
	spareSessions[role] = (await createSession(db, people[role].id)).token;
	apiTokens[role] = (await createApiToken(db, people[role], 'matrix', ['read'])).id;
	writeTokens[role] = (await createApiToken(db, people[role], 'collect', ['read', 'write'])).token;
}
// Tokens in use, as on a phone that submitted a moment ago: a request within the minute writes
// no "last used" stamp, so the matrix sees what a refused request writes, not that stamp.
await db.update(apiTokensTable).set({ lastUsedAt: new Date() });
/** A held-back sign-in per column, for the clear action of the sign-in locks page. */
const lockKeys: string[] = [];
for (const c of COLUMNS) {
	for (let i = 0; i < 5; i++) await recordFailure(db, 'account', `locked.${c}@security.test`);
	lockKeys.push(`account:locked.${c}@security.test`);
}

const output = {
	ownOrganisation: own,
	otherOrganisation: other,
	responseId,
	locationId: poipet,
	otherUserId: otherField.id,
	people: Object.fromEntries(ROLES.map((r) => [r, people[r].email])) as Record<Role, string>,
	password: PASSWORD,
	sessions,
	spareSessions,
	apiTokens,
	writeTokens,
	records: { own: ownRecords, other: otherRecords },
	sitrepNumber: sitrep.number,
	shareToken,
	shareIds,
	lockKeys,
	passwordToken: await issuePasswordToken(db, null, otherField.id)
};
await closeDb(db);
process.stdout.write(`${JSON.stringify(output)}\n`);

export type World = typeof output;
export type WorldRecords = Omit<Records, 'manifest'> & { manifest: number };
