/**
 * The Shelter Sector 4W spreadsheet: which column holds what. One table maps each field to the
 * HXL tags and the header texts partners use (the template's, Sahakar's export's, the common
 * 4W names, English or US spelling, Khmer). A hashtag row, when there is one, decides first:
 * that is what HXL is for; headers are matched without regard to case, spacing, punctuation
 * or Khmer digits.
 */
import { PEOPLE_CELLS, type PeopleCell } from './plain/people';
import { parseHxlTag } from './hxl';

export interface ImportField {
	key: string;
	/** The header the template writes. */
	header: string;
	required: boolean;
	/** What the cell holds, for the template's notes. */
	hint: string;
	/** HXL patterns: `#tag+needed-excluded`; the most specific match wins. */
	hxl: string[];
	/** Other headers meaning the same field (the template's and the export's are added). */
	aliases: string[];
	/** When two columns name the same field, the higher rank is read and the other listed as not imported. */
	rank?: number;
	/** Only re-imports of Sahakar's files have it; not in the template. */
	template?: false;
}

const SEX_WORDS = { f: ['f', 'female', 'women', 'girls'], m: ['m', 'male', 'men', 'boys'] };
const SEX_KM = { f: ['ស្រី'], m: ['ប្រុស'] };

const ages = (band: string) => {
	const [from, to] = band.split('_');
	return to ? [`${from}-${to}`] : [`${from}+`, `${from} and over`];
};

/** `Targeted F 18-59`, `Reached female 60+`, `Female 0-5 reached`, `ទទួលបាន ស្រី 18-59`… */
function peopleAliases(subjects: string[], subjectsKm: string[], cell: PeopleCell): string[] {
	const [sex, ...band] = cell.split('_') as ['f' | 'm', ...string[]];
	const out: string[] = [];
	for (const a of ages(band.join('_'))) {
		for (const s of subjects) {
			for (const w of SEX_WORDS[sex]) out.push(`${s} ${w} ${a}`, `${w} ${a} ${s}`);
		}
		for (const s of subjectsKm) for (const w of SEX_KM[sex]) out.push(`${s} ${w} ${a}`);
	}
	return out;
}

const TEMPLATE_SEX = { f: 'F', m: 'M' };
const cellHeader = (prefix: string, cell: PeopleCell) => {
	const [sex, ...band] = cell.split('_') as ['f' | 'm', ...string[]];
	return `${prefix} ${TEMPLATE_SEX[sex]} ${ages(band.join('_'))[0]}`;
};

function peopleFields(kind: 'targeted' | 'reached'): ImportField[] {
	const title = kind === 'targeted' ? 'Targeted' : 'Reached';
	const subjects = kind === 'targeted' ? ['targeted', 'target'] : ['reached', 'assisted'];
	const km = kind === 'targeted' ? ['គោលដៅ'] : ['ទទួលបាន'];
	return [
		...PEOPLE_CELLS.map((cell) => {
			const [sex, ...band] = cell.split('_');
			return {
				key: `${kind}_${cell}`,
				header: cellHeader(title, cell),
				required: false,
				hint: 'Whole number',
				hxl: [`#${kind}+${sex}+age${band.join('_')}`],
				aliases: peopleAliases(subjects, km, cell)
			};
		}),
		{
			key: `${kind}_disabled`,
			header: `${title} with disabilities`,
			required: false,
			hint: 'Whole number',
			hxl: [`#${kind}+disabled`],
			aliases: [
				`${title} persons with disabilities`,
				`${title} PWD`,
				`PWD ${kind}`,
				`${km[0]} ជនពិការ`
			]
		}
	];
}

export const IMPORT_FIELDS: ImportField[] = [
	{
		key: 'activityId',
		header: 'Activity ID',
		required: false,
		hint: "Sahakar's id of the row, from an export: the row is updated",
		hxl: ['#activity+id'],
		aliases: ['Sahakar ID', 'លេខសម្គាល់សកម្មភាព'],
		template: false
	},
	{
		key: 'responseId',
		header: 'Response ID',
		required: false,
		hint: "Sahakar's id of the response, from an export",
		hxl: ['#crisis+id'],
		aliases: [],
		template: false
	},
	{
		key: 'rowId',
		header: 'Row ID',
		required: false,
		hint: 'Your own id for the row; re-importing it updates the row',
		hxl: ['#meta+id', '#activity+code'],
		aliases: ['Your row ID', 'Partner row ID', 'Record ID', 'លេខសម្គាល់ជួរ']
	},
	{
		key: 'organisation',
		header: 'Reporting organisation',
		required: true,
		hint: 'Acronym or full name',
		hxl: ['#org+prog', '#org-impl-funder-manager-prog'],
		aliases: [
			'Reporting organization',
			'Organisation',
			'Organization',
			'Organisation name',
			'Organisation acronym',
			'Reporting agency',
			'Agency',
			'Org',
			'Who',
			'Lead organisation',
			'អង្គការរាយការណ៍',
			'អង្គការ'
		]
	},
	{
		key: 'partner',
		header: 'Implementing partner',
		required: false,
		hint: 'Acronym or full name',
		hxl: ['#org+impl'],
		aliases: [
			'Implementing organisation',
			'Implementing agency',
			'Implementing partner name',
			'Partner',
			'ដៃគូអនុវត្ត'
		]
	},
	{
		key: 'donor',
		header: 'Donor',
		required: false,
		hint: 'Text',
		hxl: ['#org+funder'],
		aliases: ['Funder', 'Funding organisation', 'Source of funding', 'Funding source', 'ម្ចាស់ជំនួយ']
	},
	{
		key: 'activity',
		header: 'Activity',
		required: true,
		hint: 'Activity code or name',
		hxl: ['#activity-id-code'],
		aliases: [
			'Activity type',
			'Activity name',
			'Type of activity',
			'What',
			'សកម្មភាព',
			'ប្រភេទសកម្មភាព'
		]
	},
	{
		key: 'modality',
		header: 'Modality',
		required: true,
		hint: 'in_kind, cash, voucher or service',
		hxl: ['#modality'],
		aliases: ['Delivery modality', 'Assistance modality', 'Modality of assistance', 'ទម្រង់ជំនួយ']
	},
	...(
		[
			['province', 'Province', 1, 'KH02', ['ខេត្ត', 'ខេត្ត/រាជធានី']],
			['district', 'District', 2, 'KH0201', ['ស្រុក', 'ស្រុក/ខណ្ឌ']],
			['commune', 'Commune', 3, 'KH020101', ['ឃុំ', 'ឃុំ/សង្កាត់']]
		] as const
	).flatMap(([key, header, level, example, km]): ImportField[] => [
		{
			key,
			header,
			required: false,
			hint: `P-code (${example}) or name`,
			hxl: [`#adm${level}+code`],
			aliases: [
				`${header} P-code`,
				`${header} Pcode`,
				`${header} code`,
				`Admin ${level} P-code`,
				`Admin${level} Pcode`,
				`Admin ${level} code`,
				`ADM${level}_PCODE`,
				`${km[0]} លេខកូដ`
			],
			rank: 2
		},
		{
			key,
			header: `${header} name`,
			required: false,
			hint: `Name of the ${header.toLowerCase()}`,
			hxl: [`#adm${level}-code`],
			aliases: [
				header,
				`Admin ${level}`,
				`Admin${level}`,
				`Admin ${level} name`,
				`ADM${level}_EN`,
				`ADM${level}_KM`,
				...km
			],
			rank: 1,
			template: false
		}
	]),
	{
		key: 'pcode',
		header: 'P-code',
		required: false,
		hint: 'The P-code of the place (any level)',
		hxl: ['#loc+code'],
		aliases: ['Pcode', 'Location P-code', 'Location code', 'លេខកូដទីតាំង'],
		template: false
	},
	{
		key: 'site',
		header: 'Site',
		required: false,
		hint: 'Name of a shelter site of the response',
		hxl: ['#loc+name', '#loc-code-id'],
		aliases: ['Site name', 'Location name', 'Evacuation site', 'Shelter site', 'ទីតាំង', 'ទីតាំងជម្រក']
	},
	{
		key: 'startDate',
		header: 'Start date',
		required: true,
		hint: 'YYYY-MM-DD',
		hxl: ['#date+start', '#date-end-reported'],
		aliases: [
			'Start',
			'Date started',
			'Activity start date',
			'Date of start',
			'Date',
			'កាលបរិច្ឆេទចាប់ផ្តើម',
			'ថ្ងៃចាប់ផ្តើម'
		]
	},
	{
		key: 'endDate',
		header: 'End date',
		required: false,
		hint: 'YYYY-MM-DD',
		hxl: ['#date+end'],
		aliases: [
			'End',
			'Date completed',
			'Completion date',
			'Activity end date',
			'Date of end',
			'កាលបរិច្ឆេទបញ្ចប់',
			'ថ្ងៃបញ្ចប់'
		]
	},
	{
		key: 'status',
		header: 'Status',
		required: true,
		hint: 'planned, ongoing or completed',
		hxl: ['#status-review'],
		aliases: ['Activity status', 'Implementation status', 'Project status', 'ស្ថានភាព']
	},
	{
		key: 'targetedHouseholds',
		header: 'Households targeted',
		required: false,
		hint: 'Whole number',
		hxl: ['#targeted+hh'],
		aliases: [
			'Targeted households',
			'HH targeted',
			'Targeted HH',
			'# HH targeted',
			'# households targeted',
			'Target households',
			'Target HH',
			'Number of households targeted',
			'គ្រួសារគោលដៅ'
		]
	},
	...peopleFields('targeted'),
	{
		key: 'reachedHouseholds',
		header: 'Households reached',
		required: false,
		hint: 'Whole number',
		hxl: ['#reached+hh'],
		aliases: [
			'Reached households',
			'HH reached',
			'Reached HH',
			'# HH reached',
			'# households reached',
			'Households assisted',
			'HH assisted',
			'Beneficiary households',
			'Number of households reached',
			'គ្រួសារទទួលបាន'
		]
	},
	...peopleFields('reached'),
	{
		key: 'items',
		header: 'Items',
		required: false,
		hint: 'CODE:quantity; CODE:quantity (e.g. TARP:20; FAMILY:10)',
		hxl: ['#item'],
		aliases: [
			'Items (code × quantity)',
			'Items distributed',
			'NFI items',
			'Items provided',
			'សម្ភារៈ'
		]
	},
	{
		key: 'note',
		header: 'Note',
		required: false,
		hint: 'Text; required when more were reached than targeted',
		hxl: ['#description', '#meta+comment'],
		aliases: ['Notes', 'Comments', 'Comment', 'Remarks', 'កំណត់ចំណាំ']
	}
];

/** The template's columns, in its order. */
export const IMPORT_COLUMNS = IMPORT_FIELDS.filter((f) => f.template !== false);

/** A header as compared: letters and digits of any script, spelling variants made one. */
function headerKey(header: string): string {
	return header
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[០-៩]/g, (d) => String(d.charCodeAt(0) - 0x17e0))
		.replace(/organiz/g, 'organis')
		.replace(/programme/g, 'program')
		.replace(/center/g, 'centre')
		.replace(/&/g, 'and')
		.replace(/[^\p{L}\p{N}\p{M}]/gu, '')
		.replace(/^(numberof|noof|nbof|total)/, '');
}

const BY_HEADER = new Map<string, ImportField>();
for (const f of IMPORT_FIELDS) {
	for (const h of [f.header, ...f.aliases]) {
		const k = headerKey(h);
		if (!BY_HEADER.has(k)) BY_HEADER.set(k, f);
	}
}

export const fieldByHeader = (header: string) => BY_HEADER.get(headerKey(header)) ?? null;

interface Pattern {
	field: ImportField;
	hashtag: string;
	needed: string[];
	excluded: string[];
}

const PATTERNS: Pattern[] = IMPORT_FIELDS.flatMap((field) =>
	field.hxl.map((p) => {
		const [head, ...rest] = p.slice(1).split(/(?=[+-])/);
		return {
			field,
			hashtag: head,
			needed: rest.filter((r) => r[0] === '+').map((r) => r.slice(1)),
			excluded: rest.filter((r) => r[0] === '-').map((r) => r.slice(1))
		};
	})
);

/** HXL is case-insensitive and some files space out attributes (`#org +impl`). */
const tagOf = (cell: string) =>
	parseHxlTag(
		cell
			.trim()
			.toLowerCase()
			.replace(/\s*\+\s*/g, '+')
	);

const isHxlTag = (cell: string) => tagOf(cell) !== null;

/** The field a hashtag names: the pattern needing the most of its attributes. */
export function fieldByHxl(cell: string): ImportField | null {
	const tag = tagOf(cell);
	if (!tag) return null;
	let best: Pattern | null = null;
	for (const p of PATTERNS) {
		if (p.hashtag !== tag.hashtag) continue;
		if (!p.needed.every((a) => tag.attributes.includes(a))) continue;
		if (p.excluded.some((a) => tag.attributes.includes(a))) continue;
		// People cells: a tag with a sex and an age must name both (`#reached+f` is a total).
		if (best && best.needed.length >= p.needed.length) continue;
		best = p;
	}
	return best?.field ?? null;
}

/**
 * A row is the hashtag row when most of its filled cells are HXL tags and one at least names a
 * 4W field (a title such as "#4W report" above the headers is not).
 */
export function isHashtagRow(cells: string[]): boolean {
	const filled = cells.filter((c) => c.trim() !== '');
	return filled.filter(isHxlTag).length * 2 >= filled.length && filled.some((c) => fieldByHxl(c));
}

export interface ColumnMatch {
	/** Zero-based column. */
	index: number;
	header: string;
	field: ImportField | null;
	via: 'hxl' | 'header' | null;
}

export interface HeaderProblem {
	index: number | null;
	kind: 'no_header' | 'repeated' | 'missing';
	header: string;
}

/**
 * Which field each column holds, from the header texts and (when the file has one) the
 * hashtag row. Unknown columns are kept as not imported; two columns for one field, or a
 * required field with no column, are problems.
 */
export function matchColumns(
	headers: string[],
	tags: string[] | null
): { columns: ColumnMatch[]; problems: HeaderProblem[] } {
	const width = Math.max(headers.length, tags?.length ?? 0);
	const columns: ColumnMatch[] = [];
	for (let i = 0; i < width; i++) {
		const header = (headers[i] ?? '').trim();
		const tag = (tags?.[i] ?? '').trim();
		const byTag = tag ? fieldByHxl(tag) : null;
		const byHeader = !tag && header ? fieldByHeader(header) : null;
		columns.push({
			index: i,
			header: header || tag,
			field: byTag ?? byHeader,
			via: byTag ? 'hxl' : byHeader ? 'header' : null
		});
	}
	const problems: HeaderProblem[] = [];
	const chosen = new Map<string, ColumnMatch>();
	for (const c of columns) {
		if (!c.field) {
			if (!c.header && columns.slice(c.index + 1).some((n) => n.header)) {
				problems.push({ index: c.index, kind: 'no_header', header: '' });
			}
			continue;
		}
		const other = chosen.get(c.field.key);
		if (!other) {
			chosen.set(c.field.key, c);
			continue;
		}
		const [rankA, rankB] = [other.field?.rank ?? 0, c.field.rank ?? 0];
		if (rankA === rankB) {
			problems.push({ index: c.index, kind: 'repeated', header: c.header });
		} else if (rankB > rankA) {
			other.field = null;
			other.via = null;
			chosen.set(c.field.key, c);
		} else {
			c.field = null;
			c.via = null;
		}
	}
	for (const f of IMPORT_FIELDS) {
		if (f.required && !chosen.has(f.key)) {
			problems.push({ index: null, kind: 'missing', header: f.header });
		}
	}
	return { columns, problems };
}

/** `Collective-site management`, `NFI distribution`, `in kind` → the codes. */
export const codeOf = (v: string) =>
	v
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_|_$/g, '');

export const ACTIVITY_ALIASES: Record<string, string> = {
	collective_site_management: 'site_management',
	nfi: 'nfi_distribution',
	esk: 'emergency_shelter_kit',
	emergency_shelter: 'emergency_shelter_kit',
	cash: 'cash_for_shelter',
	repair: 'shelter_repair',
	assessment: 'shelter_assessment'
};
