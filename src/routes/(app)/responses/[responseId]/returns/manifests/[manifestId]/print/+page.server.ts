import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { m } from '$lib/paraglide/messages.js';
import { authorize } from '$lib/server/auth/guard';
import { areasByPcode } from '$lib/server/places';
import { getManifest, signedManifestCode } from '$lib/server/returns';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'return.read');
	const { response } = await event.parent();
	const manifest = await getManifest(event.locals.db, user, Number(event.params.manifestId));
	if (!manifest || manifest.responseId !== response.id)
		error(404, { message: m.error_not_found(), code: 'not_found' });
	const payload = await signedManifestCode(event.locals.db, manifest.code);
	// The QR opens the verify page on whatever phone scans it.
	const url = `${event.url.origin}/verify?c=${encodeURIComponent(payload)}`;
	return {
		manifest,
		places: await areasByPcode(event.locals.db, [
			manifest.destProvincePcode,
			manifest.destDistrictPcode,
			...manifest.passengerList.map((p) => p.destPcode)
		]),
		payload,
		verifyUrl: url,
		qr: await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 240 })
	};
};
