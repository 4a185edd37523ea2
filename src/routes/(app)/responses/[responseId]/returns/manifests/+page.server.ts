import { MANIFEST_STATUSES, type ManifestStatus } from '$lib/domain/returns';
import { filterQuery } from '$lib/domain/exports';
import { can } from '$lib/domain/policy';
import { pageNumber } from '$lib/domain/validation';
import { authorize } from '$lib/server/auth/guard';
import { areasByPcode, listProvinces } from '$lib/server/places';
import { listManifests } from '$lib/server/returns';
import type { PageServerLoad } from './$types';

const PAGE = 50;

export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'return.read');
	const { response } = await event.parent();
	const q = event.url.searchParams;
	const status = MANIFEST_STATUSES.find((s) => s === q.get('status')) as ManifestStatus | undefined;
	const pcode = q.get('pcode') || undefined;
	const departedOn = q.get('departedOn') || undefined;
	const page = pageNumber.parse(q.get('page'));
	const list = await listManifests(
		event.locals.db,
		response.id,
		{ status, pcode, departedOn },
		{ limit: PAGE, offset: (page - 1) * PAGE }
	);
	const query = new URLSearchParams(
		Object.entries({ status, pcode, departedOn }).filter((e): e is [string, string] => !!e[1])
	).toString();
	return {
		...list,
		page,
		pageSize: PAGE,
		query,
		filter: { status, pcode, departedOn },
		provinces: await listProvinces(event.locals.db),
		places: await areasByPcode(
			event.locals.db,
			list.rows.flatMap((r) => [r.destProvincePcode, r.destDistrictPcode])
		),
		// The export takes the departure day as a one-day period.
		exportQuery: filterQuery({ status, pcode, from: departedOn, to: departedOn }),
		canExportNames: can(user, 'manifest.names', { organisationId: user.organisationId }),
		canCreate: can(user, 'manifest.create')
	};
};
