import { can } from '$lib/domain/policy';
import { pageNumber } from '$lib/domain/validation';
import { authorize } from '$lib/server/auth/guard';
import { listTallies } from '$lib/server/returns';
import type { PageServerLoad } from './$types';

const PAGE = 50;

export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'return.read');
	const { response } = await event.parent();
	const page = pageNumber.parse(event.url.searchParams.get('page'));
	const list = listTallies(
		event.locals.db,
		response.id,
		{},
		{ limit: PAGE, offset: (page - 1) * PAGE }
	);
	return {
		...list,
		page,
		pageSize: PAGE,
		rows: list.rows.map((r) => ({ ...r, editable: can(user, 'return.tally.edit', r) })),
		canRecord: can(user, 'return.tally.record')
	};
};
