/**
 * A sitrep as an A4 PDF: the same sections as the print page, Khmer shaped and embedded, and
 * the map and chart drawn from the same shapes as their SVG (paths, not a picture of them).
 */
import PDFDocument from 'pdfkit';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { SECTORS, SECTOR_PARTS, partLabel, sectorLabel } from '$lib/domain/sitreps';
import { TIME_ZONE } from '$lib/domain/dates';
import type { KeyFigure } from './figures';
import type { SitrepView } from './sitreps';
import { fontData, scriptRuns } from './fonts';
import type { Scene } from './svg';

const MARGIN = 50;
const TEXT = '#1d2327';
const MUTED = '#555f66';
const PRIMARY = '#0b4f6c';

export interface SitrepOutput {
	sitrep: SitrepView;
	responseName: string;
	figures: KeyFigure[];
	scenes: { map: Scene; chart: Scene };
}

/** Registers the four fonts under their names (`latin`, `khmerBold`…). */
export function registerFonts(doc: PDFKit.PDFDocument): void {
	for (const [name, data] of Object.entries(fontData())) doc.registerFont(name, data);
}

const fontFor = (khmer: boolean, bold: boolean) =>
	khmer ? (bold ? 'khmerBold' : 'khmer') : bold ? 'latinBold' : 'latin';

/**
 * Writes text in the flow, each run of Khmer in the Khmer font and the rest in Noto Sans, as one
 * paragraph that wraps across runs.
 */
export function writeText(
	doc: PDFKit.PDFDocument,
	text: string,
	options: { size?: number; bold?: boolean; colour?: string; gap?: number } = {}
): void {
	const runs = scriptRuns(text || ' ');
	doc.fontSize(options.size ?? 10.5).fillColor(options.colour ?? TEXT);
	runs.forEach((run, i) => {
		doc.font(fontFor(run.khmer, options.bold ?? false));
		doc.text(run.text, { continued: i < runs.length - 1, lineGap: 2 });
	});
	doc.moveDown(options.gap ?? 0.4);
}

function widthOf(doc: PDFKit.PDFDocument, text: string, bold: boolean): number {
	let w = 0;
	for (const run of scriptRuns(text))
		w += doc.font(fontFor(run.khmer, bold)).widthOfString(run.text);
	return w;
}

/** Draws a scene scaled to `width` at the flow's position, then moves the flow below it. */
export function drawScene(doc: PDFKit.PDFDocument, scene: Scene, width: number): void {
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
				if (s.stroke) doc.fillAndStroke(s.fill, s.stroke);
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
				doc.fontSize(s.size);
				const w = widthOf(doc, s.text, s.bold ?? false);
				let x = s.anchor === 'end' ? s.x - w : s.anchor === 'middle' ? s.x - w / 2 : s.x;
				// SVG places text by its baseline, pdfkit by the top of its line.
				const y = s.y - s.size * 0.95;
				for (const run of scriptRuns(s.text)) {
					doc
						.font(fontFor(run.khmer, s.bold ?? false))
						.fillColor(s.fill ?? TEXT)
						.text(run.text, x, run.khmer ? y - s.size * 0.25 : y, { lineBreak: false });
					x += doc.widthOfString(run.text);
				}
				break;
			}
		}
	}
	doc.restore();
	doc.x = x0;
	doc.y = y0 + height + 8;
}

const heading = (doc: PDFKit.PDFDocument, text: string) => {
	doc.moveDown(0.4);
	writeText(doc, text, { size: 13, bold: true, colour: PRIMARY, gap: 0.2 });
};

function formats() {
	const locale = getLocale() === 'km' ? 'km-KH-u-nu-khmr' : 'en-GB';
	const number = new Intl.NumberFormat(locale);
	const day = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
	const time = new Intl.DateTimeFormat(locale, {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: TIME_ZONE
	});
	return {
		number: (n: number) => number.format(n),
		day: (d: string | null) => (d ? day.format(new Date(`${d}T00:00:00Z`)) : '–'),
		time: (t: Date) => time.format(t)
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
			Title: `${responseName}: ${m.sitrep_title({ number: sitrep.number })}`,
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

	writeText(doc, responseName, { colour: MUTED });
	writeText(doc, m.sitrep_title({ number: sitrep.number }), { size: 20, bold: true, gap: 0.2 });
	writeText(doc, m.sitrep_as_of({ time: f.time(sitrep.asOf) }), { bold: true, gap: 0.1 });
	if (sitrep.periodFrom && sitrep.periodTo) {
		writeText(
			doc,
			m.sitrep_period({ from: f.day(sitrep.periodFrom), to: f.day(sitrep.periodTo) }),
			{
				gap: 0.1
			}
		);
	}
	writeText(
		doc,
		sitrep.publishedAt && sitrep.publishedByName
			? m.sitrep_published_by({ time: f.time(sitrep.publishedAt), name: sitrep.publishedByName })
			: `${m.sitrep_status_draft()} · ${m.sitrep_author({ name: sitrep.authorName })}`,
		{ colour: MUTED }
	);

	heading(doc, m.sitrep_field_highlights());
	writeText(doc, sitrep.highlights ?? m.sitrep_not_written());

	heading(doc, m.sitrep_key_figures());
	for (const figure of figures) {
		const y = doc.y;
		const value = f.number(figure.value);
		doc.fontSize(10.5);
		const valueWidth = widthOf(doc, value, true);
		writeText(doc, km ? figure.labelKm : figure.labelEn, { gap: 0 });
		const after = doc.y;
		doc.y = y;
		let x = MARGIN + width - valueWidth;
		for (const run of scriptRuns(value)) {
			doc.font(fontFor(run.khmer, true)).text(run.text, x, y, { lineBreak: false });
			x += doc.widthOfString(run.text);
		}
		doc.x = MARGIN;
		doc.y = after + 2;
	}
	doc.moveDown(0.5);
	drawScene(doc, scenes.map, width);
	drawScene(doc, scenes.chart, width);

	heading(doc, m.sitrep_field_overview());
	writeText(doc, sitrep.overview ?? m.sitrep_not_written());

	heading(doc, m.sitrep_sectors());
	for (const sector of SECTORS) {
		const texts = sitrep.sectors[sector];
		if (!SECTOR_PARTS.some((p) => texts?.[p])) continue;
		writeText(doc, sectorLabel[sector](), { size: 11.5, bold: true, gap: 0.1 });
		for (const part of SECTOR_PARTS) {
			writeText(doc, partLabel[part](), { bold: true, size: 10, gap: 0 });
			writeText(doc, texts[part] ?? '–');
		}
	}

	heading(doc, m.sitrep_field_contacts());
	writeText(doc, sitrep.contacts ?? m.sitrep_not_written());
	if (sitrep.nextReportOn) {
		writeText(doc, m.sitrep_next_report({ date: f.day(sitrep.nextReportOn) }), { bold: true });
	}
	doc.end();
	return done;
}
