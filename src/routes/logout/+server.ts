import { redirect } from '@sveltejs/kit';
import { recordAudit } from '$lib/server/audit';
import { invalidateSession } from '$lib/server/auth/sessions';
import { deleteSessionCookie } from '$lib/server/auth/cookies';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ locals, cookies, url }) => {
	if (locals.sessionId && locals.user) {
		const { db, user, sessionId } = locals;
		db.transaction((tx) => {
			invalidateSession(tx, sessionId);
			recordAudit(tx, { userId: user.id, action: 'sign_out', entity: 'users', entityId: user.id });
		});
	}
	deleteSessionCookie(cookies, url);
	redirect(303, '/login');
};
