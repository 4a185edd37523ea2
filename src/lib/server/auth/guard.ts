import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { can, type Action, type Resource } from '$lib/domain/policy';
import type { SessionUser } from './sessions';

type Event = Pick<RequestEvent, 'locals' | 'url'>;

/** The signed-in user, or a redirect to sign-in that comes back here afterwards. */
export function requireUser(event: Event): SessionUser {
	const user = event.locals.user;
	if (!user) {
		const back = event.url.pathname + event.url.search;
		redirect(303, `/login?redirectTo=${encodeURIComponent(back)}`);
	}
	return user;
}

/** The signed-in user if the policy allows the action, else a 403 page. */
export function authorize(event: Event, action: Action, resource?: Resource): SessionUser {
	const user = requireUser(event);
	if (!can(user, action, resource)) error(403, { message: m.error_forbidden(), code: 'forbidden' });
	return user;
}
