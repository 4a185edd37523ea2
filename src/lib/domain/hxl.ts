/**
 * The Humanitarian Exchange Language (HXL 1.1) hashtags and attributes our exports use: the one
 * documented mapping. A tag is `#hashtag` followed by any number of `+attribute`s, each
 * `[a-z][a-z0-9_]*` (HXL is case-insensitive; we write lowercase). Anything used in an export
 * must be listed here, so a new column cannot slip in an undocumented tag.
 */
import { AGE_BANDS, SEXES, type PeopleField } from './plain/people';

/** Core HXL hashtags used, with what they hold in our files. */
export const HXL_HASHTAGS = {
	access: 'humanitarian access: how a place can be reached',
	activity: 'a humanitarian activity (4W)',
	adm1: 'province (admin level 1)',
	adm2: 'district (admin level 2)',
	affected: 'people affected by the emergency',
	beneficiary: 'a person meant to benefit from aid (non-numeric details)',
	capacity: 'how many people a place or vehicle can hold',
	contact: 'a person: name, email or phone',
	crisis: 'the response (emergency) a record belongs to',
	date: 'a date or date and time',
	description: 'free text',
	event: 'what happened (an audit entry)',
	geo: 'geographic coordinates (WGS 84)',
	impact: 'damage caused by the emergency',
	inneed: 'people in need of assistance',
	indicator: 'a measured value (area, facilities, ratios)',
	item: 'relief items (non-food items)',
	loc: 'a named location or area below the district',
	meta: 'record metadata: ids and review state',
	modality: 'how assistance is given (in kind, cash, voucher, …)',
	need: 'needs as stated by the assessment team',
	org: 'an organisation',
	population: 'the people living at a place (a site’s population)',
	reached: 'people reached by an activity or a transport',
	status: 'the state of a service or a record',
	targeted: 'people an activity plans to reach'
} as const satisfies Record<string, string>;

export type HxlHashtag = keyof typeof HXL_HASHTAGS;

const ageAttribute = (band: string) => `age${band}`;

/** Attributes used, core HXL ones and our own (HXL allows any that follow the syntax). */
export const HXL_ATTRIBUTES: Record<string, string> = {
	// core HXL 1.1 attributes
	children: 'children (aged under 18)',
	code: 'a code (P-code, id)',
	damaged: 'damaged',
	day: 'the calendar day, in Cambodia',
	dest: 'the place of destination',
	destroyed: 'destroyed',
	displaced: 'people displaced from their homes',
	email: 'an email address',
	end: 'when it ended or ends',
	f: 'female',
	funder: 'the funding organisation (donor)',
	hh: 'counted in households',
	i_en: 'in English',
	i_km: 'in Khmer',
	id: 'a unique identifier',
	impl: 'the implementing organisation (partner)',
	ind: 'counted in individuals',
	injured: 'injured people',
	killed: 'people who died',
	lat: 'latitude',
	list: 'several values, separated by spaces',
	lon: 'longitude',
	m: 'male',
	missing: 'missing people',
	name: 'a name',
	origin: 'the place of origin',
	occurred: 'when something took place',
	phone: 'a telephone number',
	prog: 'the programming (reporting) organisation',
	provided: 'items or services provided to people',
	reported: 'when it was reported or recorded',
	start: 'when it started or starts',
	type: 'a category',
	// ours
	age: 'age in years',
	area_m2: 'covered floor area, square metres',
	arrived: 'arrived at the destination',
	assessed: 'the date a place was assessed',
	accuracy: 'the accuracy of a GPS fix, metres',
	acronym: 'the organisation’s short name',
	after: 'values after a change (JSON)',
	before: 'values before a change (JSON)',
	below_sphere: 'below the Sphere minimum of 3.5 m² covered space per person',
	correction: 'a correction of an earlier record',
	detail: 'context of an audit entry (JSON)',
	disabled: 'persons with disabilities',
	dispatched: 'sent on their way (a transport’s passengers)',
	entity: 'the table or dataset concerned',
	flooded: 'flooded',
	gap: 'in need but not reached or given (never below zero)',
	health: 'health care',
	host: 'staying with host families',
	houses: 'houses',
	in_force: 'counted: neither retracted nor replaced by a correction',
	latrines: 'latrines',
	m2_per_person: 'covered floor area per person, square metres',
	manager: 'the managing organisation',
	mode: 'how a manifest counts its passengers (by name or by head)',
	needed: 'needed by the catalogue’s standard',
	num: 'a quantity of items',
	planned: 'as planned (not yet happened)',
	plate: 'a vehicle’s number plate',
	point: 'found from the GPS point',
	pregnant_lactating: 'pregnant or lactating women',
	referred: 'referred to a service',
	replaces: 'the earlier record this one corrects',
	retracted: 'withdrawn as wrong (kept in the history)',
	returnees: 'returnees: migrants returned across the border',
	review: 'a coordinator’s review (duplicates, 4W validation)',
	roadside: 'staying by the roadside',
	sanitation: 'sanitation',
	seq: 'a position in a sequence (order of arrival, seat)',
	sex: 'sex (f or m)',
	shift: 'a work shift',
	sites: 'staying in evacuation sites',
	source: 'where a value came from',
	trafficking: 'suspected trafficking (protection)',
	unaccompanied: 'unaccompanied or separated',
	unknown: 'not recorded',
	user: 'the user who acted',
	vehicle: 'a vehicle',
	village: 'a village',
	vulnerable: 'vulnerabilities',
	water: 'drinking water',
	water_points: 'water points',
	...Object.fromEntries(AGE_BANDS.map((b) => [ageAttribute(b), `aged ${b.replace('_', '–')}`])),
	// Cambodia's 25 provinces by P-code (KH01 … KH25), for counts by destination province
	...Object.fromEntries(
		Array.from({ length: 25 }, (_, i) => {
			const code = String(i + 1).padStart(2, '0');
			return [`kh${code}`, `the province with P-code KH${code}`];
		})
	),
	// the Shelter Sector's items counted as needed (see NEED_ITEMS)
	tarpaulins: 'tarpaulins',
	tents: 'tents',
	shelter_kits: 'shelter kits',
	family_kits: 'family kits',
	hygiene_kits: 'hygiene kits',
	kitchen_sets: 'kitchen sets',
	mosquito_nets: 'mosquito nets',
	blankets: 'blankets',
	sleeping_mats: 'sleeping mats',
	jerry_cans: 'jerry cans',
	water_filters: 'water filters'
};

/** HXL 1.1 hashtag syntax, lowercase as we write it. */
const HXL_TAG_SYNTAX = /^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$/;

export interface ParsedTag {
	hashtag: string;
	attributes: string[];
}

export function parseHxlTag(tag: string): ParsedTag | null {
	if (!HXL_TAG_SYNTAX.test(tag)) return null;
	const [hashtag, ...attributes] = tag.slice(1).split('+');
	return { hashtag, attributes };
}

/** What is wrong with a tag, or null when it follows the syntax and uses only listed parts. */
export function hxlTagProblem(tag: string): string | null {
	const parsed = parseHxlTag(tag);
	if (!parsed) return `${tag} does not follow the HXL 1.1 syntax #tag(+attribute)*`;
	if (!(parsed.hashtag in HXL_HASHTAGS)) return `#${parsed.hashtag} is not in the mapping`;
	const unknown = parsed.attributes.filter((a) => !(a in HXL_ATTRIBUTES));
	if (unknown.length) return `${unknown.map((a) => `+${a}`).join(', ')} not in the mapping`;
	if (new Set(parsed.attributes).size !== parsed.attributes.length)
		return `${tag} repeats an attribute`;
	return null;
}

const SEX_NAMES = { f: 'female', m: 'male' } as const;

/**
 * The column header of one cell of a people count, as every export writes it: `Affected female
 * 0-5`, `Affected male 60+`, `Affected persons with disabilities` for the subject `Affected`.
 */
export function peopleHeader(subject: string, field: PeopleField): string {
	if (field === 'disabled') return `${subject} persons with disabilities`;
	const [sex, ...band] = field.split('_') as [keyof typeof SEX_NAMES, ...string[]];
	const ages = band.length > 1 ? `${band[0]}-${band[1]}` : `${band[0]}+`;
	return `${subject} ${SEX_NAMES[sex]} ${ages}`;
}

/** The tag of one cell of a people count: `#affected+ind+f+age0_5`, `#affected+ind+disabled`. */
export function peopleHxl(base: string, field: PeopleField): string {
	if (field === 'disabled') return `${base}+disabled`;
	const [sex, ...band] = field.split('_');
	if (!(SEXES as readonly string[]).includes(sex)) throw new Error(`not a people field: ${field}`);
	return `${base}+${sex}+${ageAttribute(band.join('_'))}`;
}
