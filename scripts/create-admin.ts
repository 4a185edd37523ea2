/**
 * `npm run admin:create -- --email a@b.org --name "Full Name" --org IOM [--org-name "…"]`:
 * creates an administrator on a fresh install (and their organisation if new), and prints the
 * one-time link with which they set their password.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { email as emailSchema, ORGANISATION_TYPES } from '../src/lib/domain/accounts';
import { migrateDb, openDb } from '../src/lib/server/db';
import { transaction } from '../src/lib/server/db/transaction';
import { ensureProvinces } from '../src/lib/server/places/provinces';
import { createOrganisation, createUser, listOrganisations } from '../src/lib/server/auth/accounts';
import { UserError } from '../src/lib/server/errors';

const { values } = parseArgs({
	options: {
		email: { type: 'string' },
		name: { type: 'string' },
		org: { type: 'string' },
		'org-name': { type: 'string' },
		'org-type': { type: 'string', default: 'other' }
	}
});

const input = z
	.object({
		email: emailSchema,
		name: z.string().trim().min(1),
		org: z.string().trim().min(1),
		'org-name': z.string().trim().optional(),
		'org-type': z.enum(ORGANISATION_TYPES)
	})
	.safeParse(values);
if (!input.success) {
	console.error(
		'Usage: npm run admin:create -- --email you@example.org --name "Your Name" --org IOM [--org-name "International Organization for Migration"] [--org-type un_agency]'
	);
	console.error(input.error.issues.map((i) => `  --${i.path.join('.')}: ${i.message}`).join('\n'));
	process.exit(2);
}
const args = input.data;

const db = openDb();
await migrateDb(db);
await ensureProvinces(db);
try {
	// One transaction: an administrator refused (email taken) leaves no new organisation behind.
	const { passwordToken } = await transaction(db, async (tx) => {
		const existing = (await listOrganisations(tx)).find(
			(o) => o.acronym.toLowerCase() === args.org.toLowerCase()
		);
		const organisationId =
			existing?.id ??
			(
				await createOrganisation(tx, null, {
					acronym: args.org,
					name: args['org-name'] ?? args.org,
					type: args['org-type']
				})
			).id;
		return await createUser(tx, null, {
			email: args.email,
			name: args.name,
			role: 'admin',
			organisationId
		});
	});
	const origin = process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`;
	console.info(
		`Created administrator ${args.email}. Set the password at:\n${origin}/set-password/${passwordToken}`
	);
} catch (e) {
	if (e instanceof UserError) {
		console.error(`Not created: ${Object.values(e.fields ?? {}).join(' ') || e.message}`);
		process.exit(1);
	}
	throw e;
}
