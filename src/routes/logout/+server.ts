import { redirect } from '@sveltejs/kit';
import { recordAudit } from '$lib/server/audit';
import { transaction } from '$lib/server/db/transaction';
import { invalidateSession } from '$lib/server/auth/sessions';
import { deleteSessionCookie } from '$lib/server/auth/cookies';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, cookies, url }) => {
	if (locals.sessionId && locals.user) {
		const { db, user, sessionId } = locals;
		await transaction(db, async (tx) => {
			await invalidateSession(tx, sessionId);
			await recordAudit(tx, {
				userId: user.id,
				action: 'sign_out',
				entity: 'users',
				entityId: user.id
			});
		});
	}
	deleteSessionCookie(cookies, url);
	redirect(303, '/login');
};
