import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { ApiScope } from '$lib/domain/accounts';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import { prepared } from '$lib/server/db/statements';
import { transaction } from '$lib/server/db/transaction';
import { apiTokens, organisations, users } from '$lib/server/db/schema';
import { recordAudit } from '$lib/server/audit';
import { UserError } from '$lib/server/errors';
import { generateToken, hashToken } from './crypto';
import { sessionUserColumns, type SessionUser } from './sessions';

const API_TOKEN_PREFIX = 'sk_';

/** How stale a token's "last used" may get before a request writes it again. */
const LAST_USED_STEP_MS = 60_000;

/** Creates a token and returns it in clear this once; only its hash is stored. */
export async function createApiToken(db: Db, actor: Actor, name: string, scopes: ApiScope[]) {
	const token = API_TOKEN_PREFIX + generateToken();
	return await transaction(db, async (tx) => {
		const [row] = await tx
			.insert(apiTokens)
			.values({
				userId: actor.id,
				name,
				scopes,
				tokenHash: hashToken(token),
				prefix: token.slice(0, 8)
			})
			.returning({ id: apiTokens.id });
		await recordAudit(tx, {
			userId: actor.id,
			action: 'create',
			entity: 'api_tokens',
			entityId: row.id,
			after: { name, scopes }
		});
		return { id: row.id, token };
	});
}

export async function listApiTokens(db: Db, userId: number) {
	return await db
		.select({
			id: apiTokens.id,
			name: apiTokens.name,
			prefix: apiTokens.prefix,
			scopes: apiTokens.scopes,
			createdAt: apiTokens.createdAt,
			lastUsedAt: apiTokens.lastUsedAt,
			revokedAt: apiTokens.revokedAt
		})
		.from(apiTokens)
		.where(eq(apiTokens.userId, userId))
		.orderBy(desc(apiTokens.id));
}

export async function revokeApiToken(db: Db, actor: Actor, id: number): Promise<void> {
	await transaction(db, async (tx) => {
		const [updated] = await tx
			.update(apiTokens)
			.set({ revokedAt: new Date() })
			.where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt)))
			.returning({ id: apiTokens.id });
		if (!updated) throw new UserError(m.error_not_found(), 'not_found');
		await recordAudit(tx, {
			userId: actor.id,
			action: 'delete',
			entity: 'api_tokens',
			entityId: id
		});
	});
}

/** A token's row and user by the token's hash, built once (`prepared`): every API call asks. */
const tokenByHash = (db: Db) =>
	prepared(db, 'api-tokens.byHash', (d) =>
		d
			.select({
				tokenId: apiTokens.id,
				scopes: apiTokens.scopes,
				revokedAt: apiTokens.revokedAt,
				lastUsedAt: apiTokens.lastUsedAt,
				user: sessionUserColumns
			})
			.from(apiTokens)
			.innerJoin(users, eq(users.id, apiTokens.userId))
			.innerJoin(organisations, eq(organisations.id, users.organisationId))
			.where(eq(apiTokens.tokenHash, sql.placeholder('hash')))
			.limit(1)
			.prepare()
	);

/** The user and scopes behind a bearer token, or null if it is unknown, revoked or its user disabled. */
export async function validateApiToken(
	db: Db,
	token: string
): Promise<{ user: SessionUser; scopes: ApiScope[] } | null> {
	const [row] = await tokenByHash(db).execute({ hash: hashToken(token) });
	if (!row || row.revokedAt || row.user.disabledAt) return null;
	// The account page shows the minute a token was last used; writing it once a minute, not
	// on every request, keeps a phone's burst of submissions from queueing behind it.
	const now = Date.now();
	if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= LAST_USED_STEP_MS) {
		await transaction(db, async (tx) => {
			await tx
				.update(apiTokens)
				.set({ lastUsedAt: new Date(now) })
				.where(eq(apiTokens.id, row.tokenId));
		});
	}
	const { disabledAt: _d, ...user } = row.user;
	return { user, scopes: row.scopes as ApiScope[] };
}
