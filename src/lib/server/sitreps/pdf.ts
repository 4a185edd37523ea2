/**
 * A sitrep as an A4 PDF: the same sections as the print page, Khmer shaped and embedded, and
 * the map and chart drawn from the same shapes as their SVG (paths, not a picture of them).
 */
import PDFDocument from 'pdfkit';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import {
	SECTORS,
	SECTOR_PARTS,
	figureSectionLabel,
	partLabel,
	sectorLabel
} from '$lib/domain/sitreps';
import { figureSections, type FigureTable } from '$lib/domain/figures';
import type { KeyFigure } from '$lib/domain/figures';
import { formatDateTime, formatDay, formatNumber } from '$lib/format';
import type { SitrepView } from './sitreps';
import { drawLine, registerFonts, widthOf, writeText, type TextStyle } from './pdf-text';
import type { Scene, SitrepGraphic } from './svg';

const MARGIN = 50;
const MUTED = '#555f66';
const PRIMARY = '#0b4f6c';
const BODY = { size: 10.5 };
const BOLD = { size: 10.5, bold: true };

export interface SitrepOutput {
	sitrep: SitrepView;
	responseName: string;
	figures: KeyFigure[];
	/** Each section's maps and charts. */
	scenes: SitrepGraphic[];
}

/** Draws a scene scaled to `width` at the flow's position, then moves the flow below it. */
function drawScene(doc: PDFKit.PDFDocument, scene: Scene, width: number): void {
	const scale = width / scene.width;
	const height = scene.height * scale;
	if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
	const x0 = doc.page.margins.left;
	const y0 = doc.y;
	doc.save().translate(x0, y0).scale(scale);
	for (const s of scene.shapes) {
		switch (s.kind) {
			case 'path':
				doc.path(s.d).lineWidth(s.strokeWidth ?? 1);
				if (s.fill === 'none') doc.stroke(s.stroke ?? 'black');
				else if (s.stroke) doc.fillAndStroke(s.fill, s.stroke);
				else doc.fill(s.fill);
				break;
			case 'rect':
				doc.rect(s.x, s.y, s.w, s.h);
				if (s.stroke) doc.lineWidth(0.5).fillAndStroke(s.fill, s.stroke);
				else doc.fill(s.fill);
				break;
			case 'circle':
				doc
					.save()
					.fillOpacity(s.opacity ?? 1)
					.circle(s.cx, s.cy, s.r);
				if (s.stroke) doc.lineWidth(0.8).fillAndStroke(s.fill, s.stroke);
				else doc.fill(s.fill);
				doc.restore();
				break;
			case 'text': {
				const style = { size: s.size, bold: s.bold, colour: s.fill };
				const w = widthOf(doc, s.text, style);
				const x = s.anchor === 'end' ? s.x - w : s.anchor === 'middle' ? s.x - w / 2 : s.x;
				drawLine(doc, s.text, x, s.y, style);
				break;
			}
		}
	}
	doc.restore();
	doc.x = x0;
	doc.y = y0 + height + 8;
}

const SMALL = { size: 9 };
const SMALL_BOLD = { size: 9, bold: true };

/**
 * A breakdown as a ruled table: the rows' labels in the first column, numbers right-aligned in
 * the others. Long tables continue on the next page with their header again.
 */
function drawTable(
	doc: PDFKit.PDFDocument,
	table: FigureTable,
	width: number,
	format: (n: number | null) => string
) {
	const khmer = /[\u1780-\u17FF]/.test(JSON.stringify(table));
	const rowHeight = khmer ? 17 : 13;
	const x0 = doc.page.margins.left;
	const labelWidth = Math.min(width * 0.4, 170);
	const columnWidth = (width - labelWidth) / Math.max(1, table.columns.length);
	const line = (y: number) =>
		doc
			.save()
			.moveTo(x0, y)
			.lineTo(x0 + width, y)
			.lineWidth(0.4)
			.stroke('#c9d1d6')
			.restore();
	const cells = (y: number, label: string, values: string[], style: TextStyle) => {
		drawLine(doc, label, x0, y + rowHeight - 4, style);
		values.forEach((v, i) => {
			const right = x0 + labelWidth + columnWidth * (i + 1) - 2;
			drawLine(doc, v, right - widthOf(doc, v, style), y + rowHeight - 4, style);
		});
	};
	const header = () => {
		cells(doc.y, table.rowsHeading, table.columns, SMALL_BOLD);
		doc.y += rowHeight;
		line(doc.y);
	};
	writeText(doc, table.title, { ...BOLD, gap: 0.1 });
	if (doc.y + rowHeight * 3 > doc.page.height - MARGIN) doc.addPage();
	header();
	for (const r of table.rows) {
		if (doc.y + rowHeight > doc.page.height - MARGIN) {
			doc.addPage();
			header();
		}
		cells(doc.y, r.label, r.values.map(format), SMALL);
		doc.y += rowHeight;
		line(doc.y);
	}
	doc.x = x0;
	doc.y += 8;
}

const heading = (doc: PDFKit.PDFDocument, text: string) => {
	doc.moveDown(0.4);
	writeText(doc, text, { size: 13, bold: true, colour: PRIMARY, gap: 0.3 });
};

function formats() {
	return {
		number: (n: number) => formatNumber(n),
		day: (d: string | null) => formatDay(d, 'long'),
		time: (t: Date) => formatDateTime(t)
	};
}

/** The whole PDF, in the reader's language, as bytes. */
export function sitrepPdf({
	sitrep,
	responseName,
	figures,
	scenes
}: SitrepOutput): Promise<Buffer> {
	const f = formats();
	const km = getLocale() === 'km';
	const doc = new PDFDocument({
		size: 'A4',
		margin: MARGIN,
		info: {
			Title: `${responseName}: ${m.sitrep_title({ number: f.number(sitrep.number) })}`,
			Author: sitrep.authorName
		}
	});
	const chunks: Buffer[] = [];
	doc.on('data', (c: Buffer) => chunks.push(c));
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	registerFonts(doc);
	const width = doc.page.width - MARGIN * 2;

	writeText(doc, responseName, { ...BODY, colour: MUTED });
	writeText(doc, m.sitrep_title({ number: f.number(sitrep.number) }), {
		size: 20,
		bold: true,
		gap: 0.2
	});
	writeText(doc, m.sitrep_as_of({ time: f.time(sitrep.asOf) }), { ...BOLD, gap: 0.1 });
	if (sitrep.periodFrom && sitrep.periodTo) {
		writeText(
			doc,
			m.sitrep_period({ from: f.day(sitrep.periodFrom), to: f.day(sitrep.periodTo) }),
			{ ...BODY, gap: 0.1 }
		);
	}
	writeText(
		doc,
		sitrep.publishedAt && sitrep.publishedByName
			? m.sitrep_published_by({ time: f.time(sitrep.publishedAt), name: sitrep.publishedByName })
			: `${m.sitrep_status_draft()} · ${m.sitrep_author({ name: sitrep.authorName })}`,
		{ ...BODY, colour: MUTED }
	);

	heading(doc, m.sitrep_field_highlights());
	writeText(doc, sitrep.highlights ?? m.sitrep_not_written(), BODY);

	heading(doc, m.sitrep_key_figures());
	const sections = figureSections(figures, km);
	if (!sections.length) writeText(doc, m.sitrep_figures_none(), BODY);
	for (const section of sections) {
		writeText(doc, figureSectionLabel(section.section), { size: 11.5, bold: true, gap: 0.2 });
		for (const figure of section.headline) {
			const value = f.number(figure.value);
			const y = doc.y;
			drawLine(doc, value, MARGIN + width - widthOf(doc, value, BOLD), y + BODY.size, BOLD);
			writeText(doc, km ? figure.labelKm : figure.labelEn, { ...BODY, gap: 0.1 });
		}
		doc.moveDown(0.4);
		for (const table of section.tables) {
			drawTable(doc, table, width, (n) => (n === null ? '–' : f.number(n)));
		}
		for (const graphic of scenes.filter((g) => g.section === section.section)) {
			if (
				doc.y + graphic.scene.height * (width / graphic.scene.width) + 30 >
				doc.page.height - MARGIN
			) {
				doc.addPage();
			}
			writeText(doc, graphic.title, { ...BOLD, gap: 0.1 });
			drawScene(doc, graphic.scene, width);
		}
	}

	heading(doc, m.sitrep_field_overview());
	writeText(doc, sitrep.overview ?? m.sitrep_not_written(), BODY);

	heading(doc, m.sitrep_sectors());
	for (const sector of SECTORS) {
		const texts = sitrep.sectors[sector];
		if (!SECTOR_PARTS.some((p) => texts?.[p])) continue;
		writeText(doc, sectorLabel[sector](), { size: 11.5, bold: true, gap: 0.1 });
		for (const part of SECTOR_PARTS) {
			writeText(doc, partLabel[part](), { size: 10, bold: true, gap: 0 });
			writeText(doc, texts[part] ?? '–', BODY);
		}
	}

	heading(doc, m.sitrep_field_contacts());
	writeText(doc, sitrep.contacts ?? m.sitrep_not_written(), BODY);
	if (sitrep.nextReportOn) {
		writeText(doc, m.sitrep_next_report({ date: f.day(sitrep.nextReportOn) }), BOLD);
	}
	doc.end();
	return done;
}
