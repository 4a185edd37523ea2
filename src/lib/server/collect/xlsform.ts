/**
 * The same form as an XLSForm (https://xlsform.org), for a partner who deploys it on their own
 * KoBoToolbox: survey, choices and settings sheets written from the model in `form.ts`, with
 * `${name}` references where the XForm has paths.
 */
import { workbookBytes, type SheetSpec } from '$lib/server/spreadsheets';
import { LOCALES } from '$lib/domain/accounts';
import { FORM_LANGUAGES, type CollectForm, type Field, type Group, type Text } from './form';

type Row = Record<string, string | number>;

const inBoth = (column: string, text: Text | undefined): Row =>
	text ? Object.fromEntries(LOCALES.map((l) => [`${column}::${FORM_LANGUAGES[l]}`, text[l]])) : {};

const ref = (name: string) => `\${${name}}`;

const TYPES: Record<Exclude<Field['type'], 'select_one'>, string> = {
	int: 'integer',
	string: 'text',
	date: 'date',
	geopoint: 'geopoint',
	calculate: 'calculate'
};

/** The survey sheet's rows, groups opened and closed around their fields. */
function surveyRows(items: (Field | Group)[]): Row[] {
	return items.flatMap((item): Row[] => {
		if (item.type === 'group') {
			return [
				{ type: 'begin_group', name: item.name, ...inBoth('label', item.label) },
				...surveyRows(item.items),
				{ type: 'end_group', name: item.name }
			];
		}
		if (item.type === 'calculate') {
			return [{ type: 'calculate', name: item.name, calculation: item.calculation(ref) }];
		}
		const row: Row = {
			type: item.type === 'select_one' ? `select_one ${item.list}` : TYPES[item.type],
			name: item.name,
			...inBoth('label', item.label),
			...inBoth('hint', item.hint)
		};
		if (item.required)
			Object.assign(row, { required: 'yes' }, inBoth('required_message', item.required));
		if (item.relevant) row.relevant = item.relevant(ref);
		if (item.constraint) {
			row.constraint = item.constraint.expr(ref);
			Object.assign(row, inBoth('constraint_message', item.constraint.message));
		}
		if (item.type === 'select_one' && item.filter) row.choice_filter = item.filter(ref);
		if (item.type === 'int') row.default = item.default;
		if (item.type === 'date') row.default = item.initial === 'today' ? 'today()' : item.initial.day;
		if (item.type === 'string' && item.multiline) row.appearance = 'multiline';
		return [row];
	});
}

/** A sheet whose first row names the columns every row uses between them. */
function sheet(name: string, rows: Row[]): SheetSpec {
	const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
	return { name, rows: [columns, ...rows.map((row) => columns.map((c) => row[c] ?? ''))] };
}

export function writeXlsForm(form: CollectForm): Promise<Uint8Array<ArrayBuffer>> {
	return workbookBytes([
		sheet('survey', surveyRows(form.items)),
		sheet(
			'choices',
			Object.entries(form.lists).flatMap(([list, choices]) =>
				choices.map((c) => ({
					list_name: list,
					name: c.name,
					...inBoth('label', c.label),
					...c.props
				}))
			)
		),
		sheet('settings', [
			{
				form_title: form.title,
				form_id: form.formId,
				version: form.version,
				default_language: FORM_LANGUAGES.en
			}
		])
	]);
}
