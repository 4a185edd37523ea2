/**
 * The Humanitarian Exchange Language (HXL 1.1) hashtags and attributes our exports use: the one
 * documented mapping. A tag is `#hashtag` followed by any number of `+attribute`s, each
 * `[a-z][a-z0-9_]*` (HXL is case-insensitive; we write lowercase). Anything used in an export
 * must be listed here, so a new column cannot slip in an undocumented tag.
 */
import { AGE_BANDS, SEXES, type PeopleField } from './people';

/** Core HXL hashtags used, with what they hold in our files. */
export const HXL_HASHTAGS = {
	access: 'humanitarian access: how a place can be reached',
	adm1: 'province (admin level 1)',
	adm2: 'district (admin level 2)',
	affected: 'people affected by the emergency',
	contact: 'a person: name or email',
	crisis: 'the response (emergency) a record belongs to',
	date: 'a date or date and time',
	description: 'free text',
	event: 'what happened (an audit entry)',
	geo: 'geographic coordinates (WGS 84)',
	impact: 'damage caused by the emergency',
	loc: 'a named location or area below the district',
	meta: 'record metadata: ids and review state',
	need: 'needs as stated by the assessment team',
	org: 'an organisation',
	status: 'the state of a service or a record'
} as const satisfies Record<string, string>;

export type HxlHashtag = keyof typeof HXL_HASHTAGS;

const ageAttribute = (band: string) => `age${band}`;

/** Attributes used, core HXL ones and our own (HXL allows any that follow the syntax). */
export const HXL_ATTRIBUTES: Record<string, string> = {
	// core HXL 1.1 attributes
	code: 'a code (P-code, id)',
	damaged: 'damaged',
	destroyed: 'destroyed',
	displaced: 'people displaced from their homes',
	email: 'an email address',
	f: 'female',
	hh: 'counted in households',
	i_en: 'in English',
	i_km: 'in Khmer',
	id: 'a unique identifier',
	ind: 'counted in individuals',
	injured: 'injured people',
	killed: 'people who died',
	lat: 'latitude',
	list: 'several values, separated by spaces',
	lon: 'longitude',
	m: 'male',
	missing: 'missing people',
	name: 'a name',
	reported: 'when it was reported or recorded',
	type: 'a category',
	// ours
	assessed: 'the date a place was assessed',
	accuracy: 'the accuracy of a GPS fix, metres',
	acronym: 'the organisation’s short name',
	after: 'values after a change (JSON)',
	before: 'values before a change (JSON)',
	detail: 'context of an audit entry (JSON)',
	disabled: 'persons with disabilities',
	entity: 'the table or dataset concerned',
	flooded: 'flooded',
	host: 'staying with host families',
	houses: 'houses',
	num: 'a quantity of items',
	review: 'a coordinator’s duplicate review',
	roadside: 'staying by the roadside',
	sanitation: 'sanitation',
	seq: 'order of arrival',
	sites: 'staying in evacuation sites',
	source: 'where a value came from',
	user: 'the user who acted',
	village: 'a village',
	water: 'drinking water',
	...Object.fromEntries(AGE_BANDS.map((b) => [ageAttribute(b), `aged ${b.replace('_', '–')}`])),
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
export const HXL_TAG_SYNTAX = /^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$/;

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

/** The tag of one cell of a people count: `#affected+ind+f+age0_5`, `#affected+ind+disabled`. */
export function peopleHxl(base: string, field: PeopleField): string {
	if (field === 'disabled') return `${base}+disabled`;
	const [sex, ...band] = field.split('_');
	if (!(SEXES as readonly string[]).includes(sex)) throw new Error(`not a people field: ${field}`);
	return `${base}+${sex}+${ageAttribute(band.join('_'))}`;
}
