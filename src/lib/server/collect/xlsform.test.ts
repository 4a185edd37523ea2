import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { assessmentWorld } from '$lib/server/assessments/testing';
import { fieldsOf } from './form';
import { responseForm } from './forms';
import { writeXlsForm } from './xlsform';

async function sheets(bytes: Uint8Array) {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(bytes.buffer as ArrayBuffer);
	const rows = (name: string) => {
		const values = wb.getWorksheet(name)!.getSheetValues().slice(1) as unknown[][];
		const [header, ...rest] = values.map((r) => r.slice(1).map((v) => String(v ?? '')));
		return rest.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
	};
	return { survey: rows('survey'), choices: rows('choices'), settings: rows('settings') };
}

describe('the XLSForm', () => {
	it('is the same form as the XForm, with ${} references, both languages and the areas', async () => {
		const w = await assessmentWorld();
		const { form } = (await responseForm(w.db, w.responseId))!;
		const { survey, choices, settings } = await sheets(await writeXlsForm(form));

		const questions = survey.filter((r) => !/^(begin|end)_group$/.test(r.type));
		expect(questions.map((r) => r.name)).toEqual(fieldsOf(form).map(({ field }) => field.name));
		const disabled = survey.find((r) => r.name === 'affected_disabled')!;
		expect(disabled).toMatchObject({ type: 'integer', default: '0' });
		expect(disabled.constraint).toContain('${affected_disabled} <= (${affected_f_0_5} + ');
		expect(disabled['constraint_message::Khmer (km)']).toContain('មិនអាចលើស');
		expect(survey.find((r) => r.name === 'district')).toMatchObject({
			type: 'select_one areas',
			choice_filter: "level = '2' and parent = ${province}",
			relevant: "${province} != ''"
		});
		expect(survey.find((r) => r.name === 'observedOn')).toMatchObject({
			type: 'date',
			required: 'yes',
			default: 'today()',
			'label::Khmer (km)': 'កាលបរិច្ឆេទសង្កេត'
		});
		expect(survey.find((r) => r.name === 'responseId')).toMatchObject({
			type: 'calculate',
			calculation: String(w.responseId)
		});
		expect(choices.find((c) => c.name === 'KH0201')).toMatchObject({
			list_name: 'areas',
			level: '2',
			parent: 'KH02',
			'label::Khmer (km)': 'បាណន់'
		});
		expect(choices.filter((c) => c.list_name === 'needs')).toHaveLength(9);
		expect(settings[0]).toMatchObject({ form_id: form.formId, version: form.version });
	});
});
