/**
 * The Gaps page as two exports, made by the same `gapsByArea` as the page so they hold its
 * numbers: people in need against reached per area, and NFI needed against given per area and
 * item. A response has at most a few hundred districts, so the table is computed whole.
 */
import { todayInCambodia } from '$lib/domain/dates';
import { gapsFilterSchema, type GapsExportFilter } from '$lib/domain/shelter';
import type { Db } from '$lib/server/db';
import type { SessionUser } from '$lib/server/auth/sessions';
import type { Dataset, ExportColumn } from '$lib/server/exports/dataset';
import { gapsByArea, type GapCell, type GapRow, type GapsTable } from './matrix';

interface Area {
	responseId: number;
	asOf: string;
	level: GapsExportFilter['level'];
}
export type GapsExportRow = GapRow & Area;
export type GapsNfiExportRow = GapCell &
	Area &
	Pick<GapRow, 'pcode' | 'nameEn' | 'nameKm'> & { item: GapsTable['items'][number] };

async function gapsOf(db: Db, actor: SessionUser, f: GapsExportFilter) {
	const { level, asOf, ...chosen } = f;
	const day = asOf ?? todayInCambodia();
	const area: Area = { responseId: f.responseId, asOf: day, level };
	return { area, table: await gapsByArea(db, actor, { ...chosen, asOf: day }, level) };
}

const areaColumns: ExportColumn<Area & Pick<GapRow, 'pcode' | 'nameEn' | 'nameKm'>>[] = [
	{ header: 'Response ID', hxl: '#crisis+id', value: (r) => r.responseId },
	{ header: 'As of', hxl: '#date+reported', value: (r) => r.asOf, type: 'day' },
	{ header: 'Level', hxl: '#loc+type', value: (r) => r.level },
	{ header: 'P-code', hxl: '#loc+code', value: (r) => r.pcode },
	{ header: 'Area', hxl: '#loc+name+i_en', value: (r) => r.nameEn },
	{ header: 'Area (Khmer)', hxl: '#loc+name+i_km', value: (r) => r.nameKm }
];

const peopleColumns: ExportColumn<GapsExportRow>[] = [
	...areaColumns,
	{ header: 'Persons in open sites', hxl: '#population+ind', value: (r) => r.sitePersons },
	{ header: 'Households in open sites', hxl: '#population+hh', value: (r) => r.siteHouseholds },
	{ header: 'Persons affected (assessed)', hxl: '#affected+ind', value: (r) => r.assessedPersons },
	{
		header: 'Households affected (assessed)',
		hxl: '#affected+hh',
		value: (r) => r.assessedHouseholds
	},
	{ header: 'Persons in need', hxl: '#inneed+ind', value: (r) => r.inNeedPersons },
	{ header: 'Households in need', hxl: '#inneed+hh', value: (r) => r.inNeedHouseholds },
	{ header: 'Persons reached', hxl: '#reached+ind', value: (r) => r.reachedPersons },
	{ header: 'Households reached', hxl: '#reached+hh', value: (r) => r.reachedHouseholds },
	{ header: 'Persons not reached', hxl: '#inneed+ind+gap', value: (r) => r.gapPersons },
	{ header: 'Households not reached', hxl: '#inneed+hh+gap', value: (r) => r.gapHouseholds }
];

const nfiColumns: ExportColumn<GapsNfiExportRow>[] = [
	...areaColumns,
	{ header: 'Item code', hxl: '#item+code', value: (r) => r.item.code },
	{ header: 'Item', hxl: '#item+name+i_en', value: (r) => r.item.nameEn },
	{ header: 'Item (Khmer)', hxl: '#item+name+i_km', value: (r) => r.item.nameKm },
	{ header: 'Needed', hxl: '#item+num+needed', value: (r) => r.needed },
	{ header: 'Distributed', hxl: '#item+num+provided', value: (r) => r.distributed },
	{ header: 'Not given', hxl: '#item+num+gap', value: (r) => r.gap }
];

export const gapsDataset: Dataset<GapsExportRow, GapsExportFilter> = {
	name: 'gaps',
	action: 'shelter.read',
	filters: gapsFilterSchema,
	columns: () => peopleColumns,
	rows: async function* (db, actor, f) {
		const { area, table } = await gapsOf(db, actor, f);
		for (const row of table.rows) yield { ...row, ...area };
	}
};

export const gapsNfiDataset: Dataset<GapsNfiExportRow, GapsExportFilter> = {
	name: 'gaps-nfi',
	action: 'shelter.read',
	filters: gapsFilterSchema,
	columns: () => nfiColumns,
	rows: async function* (db, actor, f) {
		const { area, table } = await gapsOf(db, actor, f);
		for (const { pcode, nameEn, nameKm, items } of table.rows) {
			for (const item of table.items) {
				yield { ...area, pcode, nameEn, nameKm, item, ...items[item.code] };
			}
		}
	}
};
