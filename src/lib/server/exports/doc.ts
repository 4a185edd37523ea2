/**
 * The README's HXL mapping, made from the registered datasets and the domain's hashtag list:
 * `npx tsx scripts/exports-doc.ts` prints it, and a test checks the README against it.
 */
import { HXL_ATTRIBUTES, HXL_HASHTAGS } from '$lib/domain/hxl';
import type { SessionUser } from '$lib/server/auth/sessions';
import type { AnyDataset } from './registry';

/** Documentation lists every column, so it asks as the role that sees the most. */
const ADMIN: SessionUser = {
	id: 0,
	email: '',
	name: '',
	role: 'admin',
	organisationId: 0,
	organisationAcronym: '',
	language: 'en'
};

export function datasetMapping(d: AnyDataset): [header: string, hxl: string][] {
	return d.columns(ADMIN).map((c) => [c.header, c.hxl]);
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function mappingMarkdown(datasets: AnyDataset[]): string {
	const parts: string[] = [];
	for (const d of datasets) {
		parts.push(`### \`${d.name}\``, '', '| column | HXL |', '| --- | --- |');
		for (const [header, hxl] of datasetMapping(d)) parts.push(`| ${cell(header)} | \`${hxl}\` |`);
		parts.push('');
	}
	parts.push('### Hashtags and attributes', '', '| tag | meaning |', '| --- | --- |');
	for (const [tag, meaning] of Object.entries(HXL_HASHTAGS))
		parts.push(`| \`#${tag}\` | ${meaning} |`);
	for (const [attribute, meaning] of Object.entries(HXL_ATTRIBUTES))
		parts.push(`| \`+${attribute}\` | ${meaning} |`);
	return parts.join('\n') + '\n';
}

/** The `| column | \`#tag\` |` rows under a README heading `### \`name\``. */
export function documentedMapping(readme: string, name: string): [string, string][] {
	const start = readme.indexOf(`### \`${name}\``);
	if (start < 0) return [];
	const rest = readme.slice(start).split('\n').slice(1);
	const end = rest.findIndex((l) => l.startsWith('#'));
	const out: [string, string][] = [];
	for (const line of end < 0 ? rest : rest.slice(0, end)) {
		const match = /^\|\s*(.+?)\s*\|\s*`(#[^`]+)`\s*\|$/.exec(line.trim());
		if (match) out.push([match[1].replace(/\\\|/g, '|'), match[2]]);
	}
	return out;
}
