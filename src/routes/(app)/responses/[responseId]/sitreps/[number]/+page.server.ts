import { redirect } from '@sveltejs/kit';
import { can } from '$lib/domain/policy';
import { authorize } from '$lib/server/auth/guard';
import { buttonForm, failWith } from '$lib/server/forms';
import {
	createShare,
	deleteSitrep,
	figuresOf,
	listShares,
	publishSitrep,
	revokeShare
} from '$lib/server/sitreps';
import { sitrepFor } from './sitrep';
import { sitrepGraphics } from '$lib/server/sitreps/svg';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { user, sitrep } = await sitrepFor(event);
	const db = event.locals.db;
	const figures = await figuresOf(db, sitrep);
	const mayShare = can(user, 'sitrep.share') && sitrep.status === 'published';
	return {
		sitrep,
		figures,
		graphics: await sitrepGraphics(db, figures),
		canEdit: can(user, 'sitrep.write') && sitrep.status === 'draft',
		canPublish: can(user, 'sitrep.publish') && sitrep.status === 'draft',
		shares: mayShare ? await listShares(db, sitrep.id) : null,
		// One form for the page's buttons (delete, publish, share, revoke): what a refusal says.
		buttons: await buttonForm('buttons')
	};
};

export const actions: Actions = {
	delete: async (event) => {
		const user = authorize(event, 'sitrep.write');
		const { sitrep } = await sitrepFor(event);
		const form = await buttonForm('buttons');
		try {
			await deleteSitrep(event.locals.db, user, sitrep.id);
		} catch (e) {
			return failWith(form, e);
		}
		redirect(303, `/responses/${sitrep.responseId}/sitreps`);
	},
	publish: async (event) => {
		const user = authorize(event, 'sitrep.publish');
		const { sitrep } = await sitrepFor(event);
		const form = await buttonForm('buttons');
		try {
			await publishSitrep(event.locals.db, user, sitrep.id);
		} catch (e) {
			return failWith(form, e);
		}
		return { form, published: true };
	},
	share: async (event) => {
		const user = authorize(event, 'sitrep.share');
		const { sitrep } = await sitrepFor(event);
		const form = await buttonForm('buttons');
		try {
			const token = await createShare(event.locals.db, user, sitrep.id);
			return { form, shareUrl: new URL(`/s/${token}`, event.url).href };
		} catch (e) {
			return failWith(form, e);
		}
	},
	revoke: async (event) => {
		const user = authorize(event, 'sitrep.share');
		const { sitrep } = await sitrepFor(event);
		const id = Number((await event.request.formData()).get('shareId'));
		const form = await buttonForm('buttons');
		try {
			await revokeShare(event.locals.db, user, sitrep.id, id);
		} catch (e) {
			return failWith(form, e);
		}
		return { form, revoked: true };
	}
};
