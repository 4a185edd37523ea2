import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { sectorField } from '$lib/domain/sitreps';
import { sitrepPdf } from './pdf';
import { registerFonts, writeText } from './pdf-text';
import { publishedSitrepOutput } from './testing';

const KHMER = 'ប្រជាជនរងផលប៉ះពាល់នៅខេត្តបាត់ដំបង';
/** fontkit 2.0.4 fails on its above-base marks (see `useFont`). */
const KHMER_FONTKIT_FAILS_ON = 'ទឹកកំពុងស្រក។';
const dir = mkdtempSync(join(tmpdir(), 'sitrep-pdf-'));

/** Page 1 rendered by poppler as an 8-bit grey image. */
function render(pdf: Buffer, name: string) {
	const file = join(dir, `${name}.pdf`);
	writeFileSync(file, pdf);
	execFileSync('pdftoppm', ['-gray', '-r', '100', '-f', '1', '-l', '1', file, join(dir, name)]);
	const pgm = readFileSync(join(dir, `${name}-1.pgm`));
	// P5 header: magic, width, height, max value, each followed by whitespace.
	const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
	const [width, height] = [Number(header[1]), Number(header[2])];
	return { width, height, pixels: pgm.subarray(header[0].length) };
}

/** A page with one line of text at the top left, set by `write`. */
function onePage(write: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
	const doc = new PDFDocument({ size: 'A4', margin: 50 });
	const chunks: Buffer[] = [];
	doc.on('data', (c: Buffer) => chunks.push(c));
	const done = new Promise<Buffer>((resolve) =>
		doc.on('end', () => resolve(Buffer.concat(chunks)))
	);
	registerFonts(doc);
	write(doc);
	doc.end();
	return done;
}

/** Dark pixels in the band where the line is, and how many columns hold any. */
function ink(img: ReturnType<typeof render>) {
	let dark = 0;
	const columns = new Set<number>();
	// 50 pt margin at 100 dpi is about 69 px; the line fits in the next 40 px.
	for (let y = 60; y < 110; y++) {
		for (let x = 0; x < img.width; x++) {
			if (img.pixels[y * img.width + x] < 128) {
				dark++;
				columns.add(x);
			}
		}
	}
	return { dark, columns: columns.size };
}

describe('the sitrep PDF', () => {
	let pdf: Buffer;
	beforeAll(async () => {
		pdf = await sitrepPdf(
			await publishedSitrepOutput({
				asOf: '2020-10-20T18:00',
				periodFrom: '2020-10-14',
				periodTo: '2020-10-20',
				highlights: `Floods in Battambang. ${KHMER} ${KHMER_FONTKIT_FAILS_ON}`,
				overview: 'Overview',
				contacts: 'hrf@example.org',
				nextReportOn: '2020-10-27',
				[sectorField('wash', 'needs')]: 'Water',
				[sectorField('wash', 'response')]: 'Filters',
				[sectorField('wash', 'gaps')]: 'Latrines'
			})
		);
		writeFileSync(join(dir, 'sitrep.pdf'), pdf);
		// Publishing a report on PostgreSQL on a loaded machine takes longer than a hook's default.
	}, 60_000);

	it('is a PDF that embeds Noto Sans Khmer and Noto Sans as subsets', () => {
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		const fonts = execFileSync('pdffonts', [join(dir, 'sitrep.pdf')], { encoding: 'utf8' });
		expect(fonts).toMatch(/[A-Z]{6}\+NotoSansKhmer\S*\s.*\byes\s+yes\b/);
		expect(fonts).toMatch(/[A-Z]{6}\+NotoSans-\S*\s.*\byes\s+yes\b/);
	});

	it('holds the sections, the figures and the map’s shapes', () => {
		const text = execFileSync('pdftotext', ['-layout', join(dir, 'sitrep.pdf'), '-'], {
			encoding: 'utf8'
		});
		for (const part of [
			'Situation report no. 1',
			'Highlights',
			'Key figures',
			'People affected',
			'Situation overview',
			'WASH',
			'Latrines',
			'Contacts',
			'Next report'
		]) {
			expect(text).toContain(part);
		}
		expect(text).toMatch(/People affected\s+117/);
	});
});

describe('Khmer text in a PDF', () => {
	it('is drawn as shaped letters, not blank and not the boxes of a font without Khmer', async () => {
		const shaped = render(await onePage((doc) => writeText(doc, KHMER, { size: 16 })), 'khmer');
		const tofu = render(await onePage((doc) => doc.font('latin').fontSize(16).text(KHMER)), 'tofu');
		const blank = render(await onePage(() => undefined), 'blank');
		const [k, t, b] = [ink(shaped), ink(tofu), ink(blank)];
		expect(b.dark).toBe(0);
		expect(k.dark).toBeGreaterThan(300);
		// Letters differ from boxes in ink and in pixels.
		let differing = 0;
		for (let i = 0; i < shaped.pixels.length; i++) {
			if (Math.abs(shaped.pixels[i] - tofu.pixels[i]) > 64) differing++;
		}
		expect(differing).toBeGreaterThan(k.dark / 3);
		// Shaped, the 33 code points make fewer, stacked glyphs: narrower than 33 boxes side by side.
		expect(k.columns).toBeLessThan(t.columns);
	});
});
