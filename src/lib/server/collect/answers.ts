/**
 * Reading what ODK Collect and KoBo send: an OpenRosa XML instance, or KoBo's flat JSON (group
 * paths in the keys, numbers as strings). Both become the answers by field name (names are
 * unique in the form) and then the same input the assessment schema checks.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { m } from '$lib/paraglide/messages.js';
import { assessmentShape } from '$lib/domain/assessments';
import { UserError } from '$lib/server/errors';
import { AREA_QUESTIONS, POINT, needQuestion } from './form';

export type Answers = Map<string, string>;

export interface Collected {
	answers: Answers;
	/** `uuid:…`, the id the device made; the assessment's id. */
	instanceId: string | null;
	/** Set when the submission is an edit of an earlier one. */
	deprecatedId: string | null;
	formId: string | null;
	version: string | null;
}

const malformed = () => new UserError(m.collect_error_malformed());

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@_',
	removeNSPrefix: true,
	parseTagValue: false,
	parseAttributeValue: false,
	trimValues: true,
	processEntities: true,
	htmlEntities: false
});

/** Reads an OpenRosa submission; anything but one well-formed instance is refused. */
export function readSubmissionXml(xml: string): Collected {
	// A document type could declare entities that expand without end; a form instance has none.
	if (/<!DOCTYPE|<!ENTITY/i.test(xml) || XMLValidator.validate(xml) !== true) throw malformed();
	const doc = parser.parse(xml) as Record<string, unknown>;
	const roots = Object.keys(doc).filter((k) => !k.startsWith('?'));
	if (roots.length !== 1) throw malformed();
	const root = doc[roots[0]];
	if (typeof root !== 'object' || root === null || Array.isArray(root)) throw malformed();
	const attrs = root as Record<string, unknown>;

	const answers: Answers = new Map();
	const walk = (node: Record<string, unknown>) => {
		for (const [name, value] of Object.entries(node)) {
			if (name.startsWith('@_') || name === '#text') continue;
			// Our form repeats nothing: a second element of one name is not its instance.
			if (Array.isArray(value) || answers.has(name)) throw malformed();
			if (typeof value === 'object' && value !== null) walk(value as Record<string, unknown>);
			else answers.set(name, String(value ?? ''));
		}
	};
	walk(attrs);
	const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
	return {
		answers,
		instanceId: text(answers.get('instanceID')),
		deprecatedId: text(answers.get('deprecatedID')),
		formId: text(attrs['@_id']),
		version: text(attrs['@_version'])
	};
}

/** KoBo's JSON: `group/field` keys, `_`-prefixed metadata, every answer a string. */
export function readKoboJson(body: Record<string, unknown>): Collected {
	const answers: Answers = new Map();
	for (const [key, value] of Object.entries(body)) {
		if (key.startsWith('_')) continue;
		if (typeof value !== 'string' && typeof value !== 'number') continue;
		const name = key.slice(key.lastIndexOf('/') + 1);
		if (answers.has(name)) throw malformed();
		answers.set(name, String(value));
	}
	const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
	const uuid = text(body._uuid);
	return {
		answers,
		instanceId: text(answers.get('instanceID')) ?? (uuid ? `uuid:${uuid}` : null),
		deprecatedId: text(answers.get('deprecatedID')),
		formId: text(body._xform_id_string),
		version: text(body.__version__)
	};
}

/** The fields the form asks under their schema name; the others are put together below. */
const DIRECT = Object.keys(assessmentShape).filter(
	(k) => !['id', 'responseId', 'lon', 'lat', 'accuracyM', 'locationSource', 'needs'].includes(k)
);

/**
 * The input the assessment schema checks. A geopoint is "lat lon altitude accuracy": with an
 * accuracy the device measured it, without one it was placed on a map. Empty answers are left
 * out, so the schema's defaults and "required" apply as in Sahakar's own form.
 */
export function toAssessmentInput(c: Collected): Record<string, unknown> {
	const get = (name: string) => {
		const v = c.answers.get(name)?.trim();
		return v ? v : undefined;
	};
	const input: Record<string, unknown> = { id: c.instanceId ?? undefined };
	for (const key of DIRECT) input[key] = get(key);
	input.responseId = get('responseId');
	// A form without the calculation (an older KoBo copy) still names its areas.
	input.pcode ??= AREA_QUESTIONS.map(get).filter(Boolean).at(-1);

	const point = get(POINT)?.split(/\s+/).map(Number);
	if (point && point.length >= 2) {
		const [lat, lon, , accuracy] = point;
		input.lat = lat;
		input.lon = lon;
		const measured = accuracy !== undefined && Number.isFinite(accuracy) && accuracy > 0;
		input.accuracyM = measured ? Math.round(accuracy) : null;
		input.locationSource = measured ? 'gps' : 'map';
	}
	const ranked = [...c.answers.keys()].filter((k) => /^need_\d+$/.test(k));
	input.needs = ranked
		.map((k) => Number(k.slice(5)))
		.sort((a, b) => a - b)
		.map((rank) => get(needQuestion(rank)))
		.filter(Boolean);
	return input;
}
