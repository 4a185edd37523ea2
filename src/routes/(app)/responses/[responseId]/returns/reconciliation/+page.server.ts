import { reconFilters } from '$lib/domain/returns';
import { authorize } from '$lib/server/auth/guard';
import { listProvinces } from '$lib/server/places';
import { reconAttention, reconciliation, reconciliationByProvince } from '$lib/server/returns';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	authorize(event, 'return.read');
	const { response } = await event.parent();
	const raw = Object.fromEntries([...event.url.searchParams].filter(([, v]) => v !== ''));
	const parsed = reconFilters.safeParse(raw);
	const filter = parsed.success ? parsed.data : {};
	const rows = await reconciliation(event.locals.db, response.id, filter);
	return {
		filter,
		rows,
		byProvince: reconciliationByProvince(rows),
		attention: await reconAttention(event.locals.db, response.id, filter),
		provinces: (await listProvinces(event.locals.db)).map((p) => ({
			pcode: p.pcode,
			nameEn: p.nameEn,
			nameKm: p.nameKm
		}))
	};
};
