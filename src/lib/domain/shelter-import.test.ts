import { describe, expect, it } from 'vitest';
import { fieldByHeader, fieldByHxl, isHashtagRow, matchColumns } from './shelter-import';

describe('reading 4W columns', () => {
	it('tells a hashtag row from a title that starts with #', () => {
		expect(isHashtagRow(['#HDX 4W', '', ''])).toBe(false);
		expect(isHashtagRow(['#org +name', '#adm1+code', '#sector'])).toBe(true);
	});

	it('picks the most specific HXL pattern, and leaves totals unread', () => {
		expect(fieldByHxl('#org+impl+name')?.key).toBe('partner');
		expect(fieldByHxl('#org+name')?.key).toBe('organisation');
		expect(fieldByHxl('#reached+ind+f+age0_5')?.key).toBe('reached_f_0_5');
		expect(fieldByHxl('#reached+ind+f')).toBeNull();
		expect(fieldByHxl('#status+review')).toBeNull();
	});

	it('matches spellings, 4W names and Khmer headers', () => {
		expect(fieldByHeader('REPORTING ORGANIZATION')?.key).toBe('organisation');
		expect(fieldByHeader('# households reached')?.key).toBe('reachedHouseholds');
		expect(fieldByHeader('Admin 1 P-code')?.key).toBe('province');
		expect(fieldByHeader('ទទួលបាន ស្រី ១៨-៥៩')?.key).toBe('reached_f_18_59');
	});

	it('reads the P-code column over the name column of the same level', () => {
		const { columns, problems } = matchColumns(
			['Admin 1 name', 'Admin 1 P-code', 'Organisation', 'Activity', 'Modality', 'Start', 'Status'],
			null
		);
		expect(problems).toEqual([]);
		expect(columns.map((c) => c.field?.key ?? null)).toEqual([
			null,
			'province',
			'organisation',
			'activity',
			'modality',
			'startDate',
			'status'
		]);
	});
});
