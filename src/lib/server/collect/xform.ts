/**
 * The form as an ODK XForm (https://getodk.github.io/xforms-spec/), the file ODK Collect and
 * KoBo Collect download: English and Khmer in itext, the areas as a secondary instance that the
 * district and commune lists filter, constraints and their messages from `form.ts`.
 */
import { createHash } from 'node:crypto';
import { LOCALES, type Locale } from '$lib/domain/accounts';
import {
	FORM_LANGUAGES,
	fieldsOf,
	type CollectForm,
	type Field,
	type Group,
	type Text
} from './form';

const ROOT = 'data';

export const escapeXml = (s: string) =>
	s.replace(
		/[<>&"']/g,
		(c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c
	);

function pathOf(paths: Map<string, string>, name: string): string {
	const path = paths.get(name);
	if (!path) throw new Error(`no field ${name}`);
	return path;
}

/** Absolute paths of every field, by name: names are unique in the form. */
function pathsOf(form: Pick<CollectForm, 'items'>): Map<string, string> {
	const paths = new Map<string, string>();
	for (const { field, path } of fieldsOf(form)) {
		if (paths.has(field.name)) throw new Error(`two fields named ${field.name}`);
		paths.set(field.name, `/${[ROOT, ...path, field.name].join('/')}`);
	}
	return paths;
}

const BIND_TYPES: Record<Field['type'], string> = {
	int: 'int',
	string: 'string',
	date: 'date',
	geopoint: 'geopoint',
	select_one: 'string',
	calculate: 'string'
};

/** The XForm text, and its version: a hash of everything in it, so any change gives a new one. */
export function renderXForm(form: CollectForm): string {
	const paths = pathsOf(form);
	const ref = (name: string) => ` ${pathOf(paths, name)} `;
	const texts = new Map<string, Text>();
	const itext = (id: string, text: Text) => {
		texts.set(id, text);
		return `jr:itext('${id}')`;
	};

	const binds: string[] = [];
	const setvalues: string[] = [];
	for (const { field } of fieldsOf(form)) {
		const path = pathOf(paths, field.name);
		const attrs: Record<string, string> = { nodeset: path, type: BIND_TYPES[field.type] };
		if (field.type === 'calculate') {
			attrs.calculate = field.calculation(ref);
			attrs.readonly = 'true()';
		} else {
			if (field.required) {
				attrs.required = 'true()';
				attrs['jr:requiredMsg'] = itext(`${path}:jr:requiredMsg`, field.required);
			}
			if (field.relevant) attrs.relevant = field.relevant(ref);
			if (field.constraint) {
				attrs.constraint = field.constraint.expr(ref);
				attrs['jr:constraintMsg'] = itext(`${path}:jr:constraintMsg`, field.constraint.message);
			}
			if (field.type === 'date') {
				const value = field.initial === 'today' ? 'today()' : `'${field.initial.day}'`;
				setvalues.push(
					`<setvalue event="odk-instance-first-load" ref="${path}" value="${value}"/>`
				);
			}
		}
		binds.push(`<bind ${attributes(attrs)}/>`);
	}
	binds.push(
		`<bind nodeset="/${ROOT}/meta/instanceID" type="string" readonly="true()" jr:preload="uid"/>`
	);

	const body = form.items.map((item) => control(item, `/${ROOT}`, paths, itext)).join('\n');
	for (const [list, choices] of Object.entries(form.lists)) {
		choices.forEach((c, i) => texts.set(`${list}-${i}`, c.label));
	}

	const translations = LOCALES.map(
		(locale: Locale) =>
			`<translation lang="${FORM_LANGUAGES[locale]}"${locale === 'en' ? ' default="true()"' : ''}>\n` +
			[...texts]
				.map(
					([id, t]) => `<text id="${escapeXml(id)}"><value>${escapeXml(t[locale])}</value></text>`
				)
				.join('\n') +
			'\n</translation>'
	).join('\n');

	const lists = Object.entries(form.lists)
		.map(
			([list, choices]) =>
				`<instance id="${list}"><root>` +
				choices
					.map(
						(c, i) =>
							`<item><name>${escapeXml(c.name)}</name><itextId>${list}-${i}</itextId>` +
							Object.entries(c.props ?? {})
								.map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
								.join('') +
							'</item>'
					)
					.join('\n') +
				'</root></instance>'
		)
		.join('\n');

	return `<?xml version="1.0" encoding="UTF-8"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:jr="http://openrosa.org/javarosa" xmlns:odk="http://www.opendatakit.org/xforms" xmlns:orx="http://openrosa.org/xforms" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
<h:head>
<h:title>${escapeXml(form.title)}</h:title>
<model odk:xforms-version="1.0.0">
<itext>
${translations}
</itext>
<instance>
<${ROOT} id="${escapeXml(form.formId)}" version="${escapeXml(form.version)}">
${form.items.map(instanceNode).join('\n')}
<meta><instanceID/></meta>
</${ROOT}>
</instance>
${lists}
${binds.join('\n')}
${setvalues.join('\n')}
</model>
</h:head>
<h:body>
${body}
</h:body>
</h:html>
`;
}

function attributes(attrs: Record<string, string>): string {
	return Object.entries(attrs)
		.map(([k, v]) => `${k}="${escapeXml(v)}"`)
		.join(' ');
}

function instanceNode(item: Field | Group): string {
	if (item.type === 'group') {
		return `<${item.name}>${item.items.map(instanceNode).join('')}</${item.name}>`;
	}
	const value = item.type === 'int' ? String(item.default) : '';
	return value ? `<${item.name}>${value}</${item.name}>` : `<${item.name}/>`;
}

function control(
	item: Field | Group,
	parent: string,
	paths: Map<string, string>,
	itext: (id: string, text: Text) => string
): string {
	if (item.type === 'group') {
		const path = `${parent}/${item.name}`;
		return (
			`<group ref="${path}"><label ref="${itext(`${path}:label`, item.label)}"/>\n` +
			item.items.map((i) => control(i, path, paths, itext)).join('\n') +
			'\n</group>'
		);
	}
	if (item.type === 'calculate') return '';
	const path = pathOf(paths, item.name);
	const label = `<label ref="${itext(`${path}:label`, item.label)}"/>`;
	const hint = item.hint ? `<hint ref="${itext(`${path}:hint`, item.hint)}"/>` : '';
	if (item.type === 'select_one') {
		const ref = (name: string) => ` ${pathOf(paths, name)} `;
		const filter = item.filter ? `[${escapeXml(item.filter(ref))}]` : '';
		return (
			`<select1 ref="${path}">${label}${hint}` +
			`<itemset nodeset="instance('${item.list}')/root/item${filter}">` +
			'<value ref="name"/><label ref="jr:itext(itextId)"/></itemset></select1>'
		);
	}
	const appearance = item.type === 'string' && item.multiline ? ' appearance="multiline"' : '';
	return `<input ref="${path}"${appearance}>${label}${hint}</input>`;
}

/** The form with its version: a hash of the XForm made without one, so any change shows. */
export function withVersion(form: CollectForm): CollectForm {
	const digest = createHash('sha256')
		.update(renderXForm({ ...form, version: '' }))
		.digest('hex');
	return { ...form, version: digest.slice(0, 12) };
}

/** What the form list announces, so a phone knows whether its copy is current. */
export const md5Hash = (xml: string) => `md5:${createHash('md5').update(xml).digest('hex')}`;
