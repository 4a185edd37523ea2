/**
 * A sitrep as an editable Word document: every section as headings and paragraphs, the key
 * figures of each area as a table followed by its breakdowns (by crossing point and day, by
 * destination province, by sex and age…) as tables. Text is set in Noto Sans, with Noto Sans
 * Khmer as the complex-script font Word uses for Khmer. The maps and charts are left out (docx
 * needs a PNG beside an SVG and nothing here rasterises without a browser); the tables they are
 * drawn from are all here, and the PDF and the print page have the drawings.
 */
import {
	AlignmentType,
	Document,
	HeadingLevel,
	Packer,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType
} from 'docx';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import {
	SECTORS,
	SECTOR_PARTS,
	figureSectionLabel,
	partLabel,
	sectorLabel
} from '$lib/domain/sitreps';
import { figureSections } from '$lib/domain/figures';
import { formatDateTime, formatDay, formatNumber } from '$lib/format';
import type { SitrepOutput } from './pdf';

const FONT = { ascii: 'Noto Sans', hAnsi: 'Noto Sans', cs: 'Noto Sans Khmer' };

/** Paragraphs from text with line breaks, one per line. */
const lines = (text: string | null) =>
	(text ?? m.sitrep_not_written())
		.split('\n')
		.map((line) => new Paragraph({ children: [new TextRun(line)] }));

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
	new Paragraph({ text, heading: level, spacing: { before: 240, after: 80 } });

export function sitrepDocx({ sitrep, responseName, figures }: SitrepOutput): Promise<Buffer> {
	const km = getLocale() === 'km';
	const number = { format: (n: number) => formatNumber(n) };
	const day = (d: string) => formatDay(d, 'long');
	const time = (t: Date) => formatDateTime(t);

	const cell = (text: string, right = false, bold = right) =>
		new TableCell({
			children: [
				new Paragraph({
					alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT,
					children: [new TextRun({ text, bold })]
				})
			]
		});
	const figureTables = figureSections(figures, km).flatMap((section) => [
		heading(figureSectionLabel(section.section), HeadingLevel.HEADING_2),
		...(section.headline.length
			? [
					new Table({
						width: { size: 100, type: WidthType.PERCENTAGE },
						rows: section.headline.map(
							(f) =>
								new TableRow({
									children: [cell(km ? f.labelKm : f.labelEn), cell(number.format(f.value), true)]
								})
						)
					})
				]
			: []),
		...section.tables.flatMap((t) => [
			heading(t.title, HeadingLevel.HEADING_3),
			new Table({
				width: { size: 100, type: WidthType.PERCENTAGE },
				rows: [
					new TableRow({
						tableHeader: true,
						children: [cell(t.rowsHeading, false, true), ...t.columns.map((c) => cell(c, true))]
					}),
					...t.rows.map(
						(r) =>
							new TableRow({
								children: [
									cell(r.label),
									...r.values.map((v) => cell(v === null ? '–' : number.format(v), true, false))
								]
							})
					)
				]
			})
		])
	]);

	const sectors = SECTORS.filter((s) => SECTOR_PARTS.some((p) => sitrep.sectors[s]?.[p])).flatMap(
		(sector) => [
			heading(sectorLabel[sector](), HeadingLevel.HEADING_2),
			...SECTOR_PARTS.flatMap((part) => [
				new Paragraph({ children: [new TextRun({ text: partLabel[part](), bold: true })] }),
				...lines(sitrep.sectors[sector]?.[part] ?? '–')
			])
		]
	);

	const doc = new Document({
		creator: sitrep.authorName,
		title: `${responseName}: ${m.sitrep_title({ number: number.format(sitrep.number) })}`,
		styles: { default: { document: { run: { font: FONT, size: 21 } } } },
		sections: [
			{
				children: [
					new Paragraph({ children: [new TextRun({ text: responseName, color: '555F66' })] }),
					new Paragraph({
						text: m.sitrep_title({ number: number.format(sitrep.number) }),
						heading: HeadingLevel.TITLE
					}),
					new Paragraph({
						children: [
							new TextRun({ text: m.sitrep_as_of({ time: time(sitrep.asOf) }), bold: true })
						]
					}),
					...(sitrep.periodFrom && sitrep.periodTo
						? [
								new Paragraph(
									m.sitrep_period({ from: day(sitrep.periodFrom), to: day(sitrep.periodTo) })
								)
							]
						: []),
					new Paragraph(
						sitrep.publishedAt && sitrep.publishedByName
							? m.sitrep_published_by({
									time: time(sitrep.publishedAt),
									name: sitrep.publishedByName
								})
							: `${m.sitrep_status_draft()} · ${m.sitrep_author({ name: sitrep.authorName })}`
					),
					heading(m.sitrep_field_highlights(), HeadingLevel.HEADING_1),
					...lines(sitrep.highlights),
					heading(m.sitrep_key_figures(), HeadingLevel.HEADING_1),
					...(figureTables.length ? figureTables : [new Paragraph(m.sitrep_figures_none())]),
					heading(m.sitrep_field_overview(), HeadingLevel.HEADING_1),
					...lines(sitrep.overview),
					heading(m.sitrep_sectors(), HeadingLevel.HEADING_1),
					...(sectors.length ? sectors : lines(null)),
					heading(m.sitrep_field_contacts(), HeadingLevel.HEADING_1),
					...lines(sitrep.contacts),
					...(sitrep.nextReportOn
						? [
								new Paragraph({
									children: [
										new TextRun({
											text: m.sitrep_next_report({ date: day(sitrep.nextReportOn) }),
											bold: true
										})
									]
								})
							]
						: [])
				]
			}
		]
	});
	return Packer.toBuffer(doc);
}
