/**
 * The rapid assessment as an ODK/KoBo form, built from the domain: the fields, their bounds,
 * defaults and required flags come from the assessment schema (as JSON Schema), the choices from
 * its enums, the rules between fields from `PART_RULES`/`HOUSEHOLD_RULES`/`disabledRule`, the
 * words from the same messages as Sahakar's own form. Only the order and grouping are written
 * here, and a test checks that every schema field is asked or derived.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { todayInCambodia } from '$lib/domain/dates';
import {
	HOUSEHOLD_RULES,
	PART_RULES,
	QUANTITY_KEYS,
	assessmentShape,
	type NeedItem
} from '$lib/domain/assessments';
import { AGE_BANDS, PEOPLE_CELLS, PEOPLE_FIELDS, SEXES, disabledRule } from '$lib/domain/people';
import { CAMBODIA_BBOX } from '$lib/domain/places';
import type { Locale } from '$lib/domain/accounts';
import {
	accessLabel,
	ageBandLabel,
	assessmentFieldLabels,
	needItemLabel,
	needLabel,
	sanitationStateLabel,
	sexLabel,
	waterStateLabel
} from '$lib/labels';

/** Words in both of the form's languages. */
export type Text = Record<Locale, string>;
export const FORM_LANGUAGES: Record<Locale, string> = { en: 'English (en)', km: 'Khmer (km)' };

// Message functions take their inputs and, optionally, the locale to render in.
type Message = (inputs?: never, options?: { locale?: Locale }) => string;
const isText = (v: unknown): v is Text => typeof v === 'object' && v !== null && 'en' in v;

/** A message in both languages; an input given as `Text` is put in in each one's own words. */
function both(fn: unknown, inputs: Record<string, unknown> = {}): Text {
	const render = fn as (i: Record<string, unknown>, o: { locale: Locale }) => string;
	const inLocale = (locale: Locale) =>
		render(
			Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, isText(v) ? v[locale] : v])),
			{ locale }
		);
	return { en: inLocale('en'), km: inLocale('km') };
}

/**
 * An XPath expression over the form's fields. `ref` writes a field's reference the way the
 * target wants it: an absolute path in the XForm, `${name}` in the XLSForm.
 */
export type Expr = (ref: (name: string) => string) => string;

export interface Rule {
	expr: Expr;
	message: Text;
}

interface Question {
	name: string;
	label: Text;
	hint?: Text;
	/** The message when left empty; absent when the question is optional. */
	required?: Text;
	relevant?: Expr;
	constraint?: Rule;
}

export type Field =
	| (Question & { type: 'int'; min: number; max: number; default: number })
	| (Question & { type: 'string'; maxLength: number; multiline?: boolean })
	| (Question & {
			type: 'date';
			/** What the form opens with: today, or a day (the last of a response that has ended). */
			initial: 'today' | { day: string };
	  })
	| (Question & { type: 'geopoint' })
	| (Question & { type: 'select_one'; list: string; filter?: Expr })
	| { type: 'calculate'; name: string; calculation: Expr };

export interface Group {
	type: 'group';
	name: string;
	label: Text;
	items: (Field | Group)[];
}

export interface Choice {
	name: string;
	label: Text;
	/** Extra columns a choice filter reads, e.g. an area's level and parent. */
	props?: Record<string, string>;
}

export interface CollectForm {
	formId: string;
	title: string;
	/** Changes with anything in the form, areas included; set by `withVersion`. */
	version: string;
	/** Under the root: the groups, then hidden calculations. */
	items: (Field | Group)[];
	lists: Record<string, Choice[]>;
}

export interface FormArea {
	pcode: string;
	level: number;
	parentPcode: string | null;
	nameEn: string;
	nameKm: string;
}

export interface FormResponse {
	id: number;
	name: string;
	startDate: string;
	endDate: string | null;
}

/** One form per response: the id says which. */
export const formIdOf = (responseId: number) => `sahakar_assessment_${responseId}`;
export function responseOfFormId(formId: string): number | null {
	const match = /^sahakar_assessment_([1-9]\d{0,9})$/.exec(formId);
	return match ? Number(match[1]) : null;
}

/** The geopoint's name, the rank questions' and the area questions': what the form asks instead of a schema field. */
export const POINT = 'point';
export const needQuestion = (rank: number) => `need_${rank}`;
export const AREA_QUESTIONS = ['province', 'district', 'commune'] as const;

interface JsonField {
	type?: string;
	minimum?: number;
	maximum?: number;
	default?: unknown;
	maxLength?: number;
	enum?: string[];
	minItems?: number;
	maxItems?: number;
	items?: JsonField;
	anyOf?: JsonField[];
}

/** The schema's fields as JSON Schema of the input: bounds, defaults, enums, required. */
function schemaFields() {
	const json = z.toJSONSchema(z.object(assessmentShape), {
		io: 'input',
		unrepresentable: 'any'
	}) as { properties: Record<string, JsonField>; required: string[] };
	const field = (key: string): JsonField => {
		const f = json.properties[key];
		if (!f) throw new Error(`the assessment schema has no field ${key}`);
		return f.anyOf?.find((a) => a.type !== 'null') ?? f;
	};
	return { field, required: new Set(json.required) };
}

const peopleLabel = (key: string): Text => {
	const cell = key.replace(/^affected_/, '');
	if (cell === 'disabled') return both(m.people_disabled);
	const [sex, ...band] = cell.split('_');
	const sexText = both(sexLabel[sex as (typeof SEXES)[number]]);
	const bandText = both(ageBandLabel[band.join('_') as (typeof AGE_BANDS)[number]]);
	return { en: `${sexText.en}, ${bandText.en}`, km: `${sexText.km} ${bandText.km}` };
};

function labelOf(key: string): Text {
	if (key.startsWith('affected_')) return peopleLabel(key);
	const item = /^qty(.)(.*)$/.exec(key);
	if (item) return both(needItemLabel[`${item[1].toLowerCase()}${item[2]}` as NeedItem]);
	const label = assessmentFieldLabels[key];
	if (!label) throw new Error(`no label for ${key}`);
	return both(label);
}

/** A schema field's name for a person reading a refusal, in the reader's language. */
export function fieldLabel(key: string, locale: Locale): string {
	const point = ['lon', 'lat', 'accuracyM', 'locationSource'];
	const special: Record<string, Message> = {
		needs: m.assess_section_needs,
		pcode: m.assess_field_pcode,
		id: m.collect_field_instance,
		responseId: m.collect_field_response
	};
	if (point.includes(key)) return m.assess_detail_point({}, { locale });
	if (special[key]) return special[key](undefined, { locale });
	try {
		return labelOf(key)[locale];
	} catch {
		return key;
	}
}

const AFFECTED = PEOPLE_CELLS.map((c) => `affected_${c}`);
const AFFECTED_FIELDS = PEOPLE_FIELDS.map((f) => `affected_${f}`);
const sameKeys = (a: readonly string[], b: readonly string[]) =>
	a.length === b.length && a.every((k) => b.includes(k));

/** Several fields named together: the people table by its own name, others joined with +. */
function labelOfKeys(keys: readonly string[]): Text {
	if (sameKeys(keys, AFFECTED)) return both(m.assess_field_affected_persons);
	const labels = keys.map(labelOf);
	return { en: labels.map((l) => l.en).join(' + '), km: labels.map((l) => l.km).join(' + ') };
}

const sumOf =
	(keys: readonly string[]): Expr =>
	(ref) =>
		keys.length === 1 ? ref(keys[0]) : `(${keys.map(ref).join(' + ')})`;

/**
 * The rules between fields, each put on the field that comes last in the form, so it is
 * checked once everything it reads has been answered (and again when the form is finalized).
 */
function crossRules(order: string[]): Map<string, Rule[]> {
	const rules = new Map<string, Rule[]>();
	const add = (keys: readonly string[], rule: Rule) => {
		const last = [...keys].sort((a, b) => order.indexOf(b) - order.indexOf(a))[0];
		rules.set(last, [...(rules.get(last) ?? []), rule]);
	};
	for (const rule of [...PART_RULES, disabledRule('affected_')]) {
		add([...rule.parts, ...rule.total], {
			expr: (ref) => `${sumOf(rule.parts)(ref)} <= ${sumOf(rule.total)(ref)}`,
			message: both(m.collect_error_exceeds, {
				parts: labelOfKeys(rule.parts),
				total: labelOfKeys(rule.total)
			})
		});
	}
	for (const rule of HOUSEHOLD_RULES) {
		add([rule.households, ...rule.persons], {
			expr: (ref) =>
				`${sumOf(rule.persons)(ref)} = 0 or ${ref(rule.households)} <= ${sumOf(rule.persons)(ref)}`,
			message: both(m.assess_error_households_persons)
		});
	}
	return rules;
}

const joinRules = (rules: Rule[]): Rule | undefined =>
	rules.length === 0
		? undefined
		: {
				expr: (ref) => rules.map((r) => `(${r.expr(ref)})`).join(' and '),
				message: {
					en: rules.map((r) => r.message.en).join(' '),
					km: rules.map((r) => r.message.km).join(' ')
				}
			};

/** Builds the form of one response over the areas its teams pick from; see `withVersion`. */
export function buildForm(
	response: FormResponse,
	areas: readonly FormArea[],
	now = new Date()
): CollectForm {
	const { field, required } = schemaFields();
	const ended =
		response.endDate && response.endDate < todayInCambodia(now) ? response.endDate : null;
	const needsField = field('needs');
	const ranks = needsField.maxItems ?? 1;
	const requiredText = (key: string) => (required.has(key) ? both(m.error_required) : undefined);

	const order = [
		'villageName',
		'observedOn',
		'affectedHouseholds',
		...AFFECTED_FIELDS,
		'displacedHouseholds',
		'displacedPersons',
		'displacedHhSites',
		'displacedHhHost',
		'displacedHhRoadside',
		'deaths',
		'injured',
		'missing',
		'houses',
		'housesFlooded',
		'housesDamaged',
		'housesDestroyed'
	];
	const cross = crossRules(order);

	const count = (key: string, hint?: Text): Field => {
		const f = field(key);
		if (f.type !== 'integer' || f.minimum === undefined || f.maximum === undefined) {
			throw new Error(`${key} is not a bounded whole number in the schema`);
		}
		const bounds: Rule = {
			expr: () => `. >= ${f.minimum} and . <= ${f.maximum}`,
			message: both(m.collect_error_whole_between, { min: f.minimum, max: f.maximum })
		};
		return {
			type: 'int',
			name: key,
			label: labelOf(key),
			hint,
			required: requiredText(key),
			min: f.minimum,
			max: f.maximum,
			default: Number(f.default ?? 0),
			// The rules between fields first: they are what a team usually trips over.
			constraint: joinRules([...(cross.get(key) ?? []), bounds])
		};
	};
	const text = (key: string, multiline = false): Field => {
		const max = field(key).maxLength;
		if (!max) throw new Error(`${key} has no length limit in the schema`);
		return {
			type: 'string',
			name: key,
			label: labelOf(key),
			required: requiredText(key),
			maxLength: max,
			multiline,
			constraint: {
				expr: () => `string-length(.) <= ${max}`,
				message: both(m.error_too_long, { max })
			}
		};
	};
	const choice = (key: string): Field => ({
		type: 'select_one',
		name: key,
		label: labelOf(key),
		list: key,
		required: requiredText(key)
	});
	const group = (name: string, label: Message, items: (Field | Group)[]): Group => ({
		type: 'group',
		name,
		label: both(label),
		items
	});

	const [west, south, east, north] = CAMBODIA_BBOX;
	const area = (level: number): Field => {
		const name = AREA_QUESTIONS[level - 1];
		const parent = AREA_QUESTIONS[level - 2];
		return {
			type: 'select_one',
			name,
			label: both(
				[m.assess_field_province, m.assess_field_district, m.assess_field_commune][level - 1]
			),
			list: 'areas',
			filter: (ref) => `level = '${level}'${parent ? ` and parent = ${ref(parent)}` : ''}`,
			relevant: parent ? (ref) => `${ref(parent)} != ''` : undefined
		};
	};

	const items: (Field | Group)[] = [
		group('where', m.assess_section_where, [
			{
				type: 'geopoint',
				name: POINT,
				label: both(m.assess_detail_point),
				hint: both(m.collect_hint_point),
				required: required.has('lon') ? both(m.assess_error_point_required) : undefined,
				constraint: {
					// A geopoint is "lat lon altitude accuracy".
					expr: () =>
						`selected-at(., 0) >= ${south} and selected-at(., 0) <= ${north} and ` +
						`selected-at(., 1) >= ${west} and selected-at(., 1) <= ${east}`,
					message: both(m.assess_error_outside_cambodia)
				}
			},
			area(1),
			area(2),
			area(3),
			{
				type: 'calculate',
				name: 'pcode',
				calculation: (ref) =>
					`coalesce(${ref('commune')}, coalesce(${ref('district')}, ${ref('province')}))`
			},
			text('villageName')
		]),
		group('when', m.assess_section_when, [
			{
				type: 'date',
				name: 'observedOn',
				label: labelOf('observedOn'),
				required: requiredText('observedOn'),
				// The same days the server takes: from the response's start to today, or to its end.
				initial: ended ? { day: ended } : 'today',
				constraint: ended
					? {
							expr: () => `. >= '${response.startDate}' and . <= '${ended}'`,
							message: both(m.collect_error_date_within, {
								start: response.startDate,
								end: ended
							})
						}
					: {
							expr: () => `. >= '${response.startDate}' and . <= today()`,
							message: both(m.collect_error_date_between, { start: response.startDate })
						}
			}
		]),
		group('affected', m.assess_section_affected, [
			count('affectedHouseholds'),
			group(
				'affected_persons',
				m.assess_field_affected_persons,
				AFFECTED_FIELDS.map((k) => count(k))
			)
		]),
		group('displaced', m.assess_section_displaced, [
			count('displacedHouseholds'),
			count('displacedPersons'),
			...['displacedHhSites', 'displacedHhHost', 'displacedHhRoadside'].map((k) =>
				count(k, both(m.assess_field_displaced_where))
			)
		]),
		group(
			'casualties',
			m.assess_section_casualties,
			['deaths', 'injured', 'missing'].map((k) => count(k))
		),
		group(
			'damage',
			m.assess_section_houses,
			['houses', 'housesFlooded', 'housesDamaged', 'housesDestroyed'].map((k) => count(k))
		),
		group('services', m.assess_section_services, [
			choice('access'),
			choice('waterState'),
			choice('sanitationState')
		]),
		group(
			'needs',
			m.assess_section_needs,
			Array.from({ length: ranks }, (_, i): Field => {
				const rank = i + 1;
				const earlier = Array.from({ length: i }, (_, j) => needQuestion(j + 1));
				return {
					type: 'select_one',
					name: needQuestion(rank),
					label: both(m.assess_field_needs_rank, { rank }),
					hint: rank === 1 ? both(m.assess_needs_hint, { max: ranks }) : undefined,
					required:
						rank <= (needsField.minItems ?? 0) ? both(m.assess_error_needs_required) : undefined,
					list: 'needs',
					// A need ranked once is not offered again.
					filter: earlier.length
						? (ref) => earlier.map((q) => `name != ${ref(q)}`).join(' and ')
						: undefined,
					relevant: i > 0 ? (ref) => `${ref(needQuestion(i))} != ''` : undefined
				};
			})
		),
		group(
			'quantities',
			m.assess_section_quantities,
			QUANTITY_KEYS.map((k) => count(k))
		),
		group('other', m.assess_field_notes, [text('notes', true)]),
		{ type: 'calculate', name: 'responseId', calculation: () => String(response.id) }
	];

	const options = (key: string, labels: Record<string, unknown>): Choice[] => {
		const values = key === 'needs' ? field('needs').items?.enum : field(key).enum;
		if (!values) throw new Error(`${key} has no choices in the schema`);
		return values.map((name) => {
			if (!labels[name]) throw new Error(`no label for ${key} ${name}`);
			return { name, label: both(labels[name]) };
		});
	};

	return {
		formId: formIdOf(response.id),
		title: `${m.assess_new_title({}, { locale: 'en' })}: ${response.name}`,
		version: '',
		items,
		lists: {
			access: options('access', accessLabel),
			waterState: options('waterState', waterStateLabel),
			sanitationState: options('sanitationState', sanitationStateLabel),
			needs: options('needs', needLabel),
			areas: areas.map((a) => ({
				name: a.pcode,
				label: { en: a.nameEn, km: a.nameKm || a.nameEn },
				props: { level: String(a.level), parent: a.parentPcode ?? '' }
			}))
		}
	};
}

/** Every field of the form, groups flattened, in order, with the groups it sits in. */
export function fieldsOf(form: Pick<CollectForm, 'items'>): { field: Field; path: string[] }[] {
	const out: { field: Field; path: string[] }[] = [];
	const walk = (items: (Field | Group)[], path: string[]) => {
		for (const item of items) {
			if (item.type === 'group') walk(item.items, [...path, item.name]);
			else out.push({ field: item, path });
		}
	};
	walk(form.items, []);
	return out;
}
