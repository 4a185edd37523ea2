import { redirect } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/guard';
import { findManifestByCode, verifyManifestCode } from '$lib/server/returns';
import type { PageServerLoad } from './$types';

/**
 * Where a manifest's QR code leads: a genuine code opens the manifest at its arrival
 * confirmation; a forged or altered one is refused here, before anything is shown.
 */
export const load: PageServerLoad = async (event) => {
	authorize(event, 'return.read');
	const payload = event.url.searchParams.get('c')?.trim();
	if (!payload) return { outcome: 'empty' as const };
	const code = await verifyManifestCode(event.locals.db, payload);
	if (!code) return { outcome: 'forged' as const, payload };
	const manifest = await findManifestByCode(event.locals.db, code);
	if (!manifest) return { outcome: 'unknown' as const, payload };
	redirect(303, `/responses/${manifest.responseId}/returns/manifests/${manifest.id}#arrival`);
};
