import { tallyFilters } from '$lib/domain/returns';
import { filterQuery } from '$lib/domain/exports';
import { can } from '$lib/domain/policy';
import { pageNumber } from '$lib/domain/validation';
import { authorize } from '$lib/server/auth/guard';
import { listReturnLocations, listTallies } from '$lib/server/returns';
import type { PageServerLoad } from './$types';

const PAGE = 50;

export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'return.read');
	const { response } = await event.parent();
	const q = event.url.searchParams;
	const raw = Object.fromEntries([...q].filter(([k, v]) => k !== 'page' && v !== ''));
	const parsed = tallyFilters.safeParse(raw);
	const filter = parsed.success ? parsed.data : {};
	const page = pageNumber.parse(q.get('page'));
	const list = await listTallies(event.locals.db, response.id, filter, {
		limit: PAGE,
		offset: (page - 1) * PAGE
	});
	// Closed places too: their counts stay in the list and can be chosen.
	const places = (await listReturnLocations(event.locals.db)).map(
		({ id, kind, nameEn, nameKm }) => ({
			id,
			kind,
			nameEn,
			nameKm
		})
	);
	const query = filterQuery(filter);
	return {
		...list,
		page,
		pageSize: PAGE,
		filter,
		places,
		query,
		/** The chosen place's kind: its export is the only one with rows. */
		kind: places.find((p) => p.id === filter.locationId)?.kind ?? null,
		rows: list.rows.map((r) => ({ ...r, editable: can(user, 'return.tally.edit', r) })),
		canRecord: can(user, 'return.tally.record')
	};
};
