/**
 * Setting mixed English and Khmer text with pdfkit. Each run of Khmer goes in Noto Sans Khmer,
 * the rest in Noto Sans; fontkit shapes both. Lines are broken here, at the word boundaries ICU
 * finds (`Intl.Segmenter` knows Khmer words, which are written without spaces), because
 * pdfkit's own wrapping finds no break inside a Khmer sentence and keeps one font's options for
 * a whole paragraph.
 */
import { fontData, scriptRuns, type FontName } from './fonts';

export interface TextStyle {
	size: number;
	bold?: boolean;
	colour?: string;
}

interface Piece {
	text: string;
	font: FontName;
	/** Set without above-base mark positioning (see `fontkitFails`). */
	degraded: boolean;
	width: number;
}

const TEXT = '#1d2327';
const segmenter = new Intl.Segmenter('km', { granularity: 'word' });

/** Registers the four fonts under their names (`latin`, `khmerBold`…). */
export function registerFonts(doc: PDFKit.PDFDocument): void {
	for (const [name, data] of Object.entries(fontData())) doc.registerFont(name, data);
}

const fontFor = (khmer: boolean, bold: boolean): FontName =>
	khmer ? (bold ? 'khmerBold' : 'khmer') : bold ? 'latinBold' : 'latin';

/**
 * fontkit 2.0.4 throws on the NULL anchors Noto Sans Khmer has in its above-base mark
 * positioning (`abvm`, e.g. for "កំ"; foliojs/fontkit#367, fix pending in #374). Such a run is
 * set without that one feature, its marks at their default places, rather than failing.
 */
function fontkitFails(doc: PDFKit.PDFDocument, text: string): boolean {
	try {
		doc.widthOfString(text);
		return false;
	} catch {
		return true;
	}
}

/**
 * The features option for a piece. fontkit also takes an object, which can turn a feature off;
 * a new one each call, because fontkit writes the font's own features into the one it gets.
 */
const features = (p: Piece) =>
	(p.degraded ? { abvm: false } : undefined) as PDFKit.Mixins.TextOptions['features'];

function pieces(doc: PDFKit.PDFDocument, text: string, style: TextStyle): Piece[] {
	doc.fontSize(style.size);
	return scriptRuns(text).map((run) => {
		const font = fontFor(run.khmer, style.bold ?? false);
		doc.font(font);
		const piece: Piece = { text: run.text, font, degraded: false, width: 0 };
		piece.degraded = run.khmer && fontkitFails(doc, run.text);
		piece.width = doc.widthOfString(run.text, { features: features(piece) });
		return piece;
	});
}

export function widthOf(doc: PDFKit.PDFDocument, text: string, style: TextStyle): number {
	return pieces(doc, text, style).reduce((w, p) => w + p.width, 0);
}

/** One line at `x`, its baseline at `baseline`; pdfkit's flow position is left alone. */
export function drawLine(
	doc: PDFKit.PDFDocument,
	text: string,
	x: number,
	baseline: number,
	style: TextStyle
): void {
	const { x: flowX, y: flowY } = doc;
	let at = x;
	for (const p of pieces(doc, text, style)) {
		doc
			.font(p.font)
			.fontSize(style.size)
			.fillColor(style.colour ?? TEXT)
			.text(p.text, at, baseline, {
				lineBreak: false,
				baseline: 'alphabetic',
				features: features(p)
			});
		at += p.width;
	}
	doc.x = flowX;
	doc.y = flowY;
}

/**
 * Writes text in the flow from the left margin, wrapping at word boundaries within the margins
 * and onto new pages, and moves the flow below it. Each line of the text is a paragraph.
 */
export function writeText(
	doc: PDFKit.PDFDocument,
	text: string,
	style: TextStyle & { gap?: number }
): void {
	const left = doc.page.margins.left;
	const width = doc.page.width - left - doc.page.margins.right;
	// Khmer's stacked vowels and subscripts need more room than Latin.
	const lineHeight = style.size * (/[\u1780-\u17FF]/.test(text) ? 1.8 : 1.4);
	let y = doc.y;
	const newLine = () => {
		y += lineHeight;
		if (y + lineHeight > doc.page.height - doc.page.margins.bottom) {
			doc.addPage();
			y = doc.page.margins.top;
		}
	};
	for (const paragraph of text.split('\n')) {
		let line = '';
		let lineWidth = 0;
		for (const { segment } of segmenter.segment(paragraph)) {
			const w = widthOf(doc, segment, style);
			if (line && lineWidth + w > width && segment.trim()) {
				drawLine(doc, line.trimEnd(), left, y + style.size, style);
				newLine();
				line = '';
				lineWidth = 0;
			}
			if (!line && !segment.trim()) continue;
			line += segment;
			lineWidth += w;
		}
		drawLine(doc, line.trimEnd(), left, y + style.size, style);
		newLine();
	}
	doc.x = left;
	doc.y = y + style.size * (style.gap ?? 0.4);
}
