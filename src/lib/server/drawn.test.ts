import { describe, expect, it } from 'vitest';
import { DrawnCache, drawnLink, LANG_MARK, withDrawings } from './drawn';

describe('pictures kept by their input', () => {
	it('draws an input once, and again for any other input', () => {
		const cache = new DrawnCache<string>(8);
		let draws = 0;
		const draw = (figures: Record<string, number>) =>
			cache.get(figures, () => `drawn ${++draws}: ${JSON.stringify(figures)}`);
		const first = draw({ KH01: 10 });
		expect(draw({ KH01: 10 })).toBe(first);
		expect(draws).toBe(1);
		expect(draw({ KH01: 11 })).toBe('drawn 2: {"KH01":11}');
		expect(draw({ KH01: 10, KH02: 0 })).toBe('drawn 3: {"KH01":10,"KH02":0}');
		expect(draws).toBe(3);
	});

	it('keeps at most its bound, dropping the least recently used', () => {
		const cache = new DrawnCache<number>(2);
		let draws = 0;
		const draw = (n: number) => cache.get({ n }, () => (draws++, n));
		draw(1);
		draw(2);
		draw(1); // 2 is now the least recently used
		draw(3);
		expect(cache.size).toBe(2);
		expect(draws).toBe(3);
		draw(1);
		expect(draws).toBe(3);
		draw(2);
		expect(draws).toBe(4);
	});
});

describe("pictures put into their page's HTML", () => {
	const box = (src: string, content = '') =>
		`<div class="chart s-x" data-drawn="${src.replace(/&/g, '&amp;')}">${content}</div>`;

	it('puts each linked picture into its empty box, and nowhere else', async () => {
		const a = drawnLink('/a.svg?x=1&lang=en', 'A', '<svg>a</svg>');
		const b = drawnLink('/b.svg?v=2', 'B', '<svg>b</svg>');
		expect(a).toEqual({ src: '/a.svg?x=1&lang=en', title: 'A' });
		const redrawn: string[] = [];
		const redraw = async (src: string) => (redrawn.push(src), null);
		const html = `<main>${box(a.src)}<p>between</p>${box(b.src)}<p>after</p></main>`;
		expect(await withDrawings(html, redraw)).toBe(
			`<main>${box(a.src, '<svg>a</svg>')}<p>between</p>${box(b.src, '<svg>b</svg>')}<p>after</p></main>`
		);
		// A box with content already, and the attribute quoted as text, stay as they are.
		const kept = `<main>${box(a.src, '<svg>old</svg>')}<p>data-drawn="${a.src}"</p></main>`;
		expect(await withDrawings(kept, redraw)).toBe(kept);
		expect(redrawn).toEqual([]);
		expect(await withDrawings('<main></main>', redraw)).toBe('<main></main>');
	});

	it('draws a picture again from its address when it is no longer kept', async () => {
		const html = `<main>${box('/gone.svg?v=1&w=2')}${box('/none.svg')}</main>`;
		const redraw = async (src: string) => (src === '/gone.svg?v=1&w=2' ? '<svg>again</svg>' : null);
		expect(await withDrawings(html, redraw)).toBe(
			`<main>${box('/gone.svg?v=1&w=2', '<svg>again</svg>')}${box('/none.svg')}</main>`
		);
	});

	it("writes the page's language where app.html marks it, with the pictures", async () => {
		const a = drawnLink('/lang.svg?v=1', 'A', '<svg>a</svg>');
		const redraw = async () => null;
		const page = (lang: string, svg = '') =>
			`<html lang="${lang}"><body>${box(a.src, svg)}<p>${LANG_MARK}</p></body></html>`;
		// The first mark only, as app.html has one (text a page shows stays as it is).
		expect(await withDrawings(page(LANG_MARK), redraw, 'km')).toBe(page('km', '<svg>a</svg>'));
		expect(await withDrawings(`<html lang="${LANG_MARK}"></html>`, redraw, 'en')).toBe(
			'<html lang="en"></html>'
		);
		// Without a language the mark stays, for whoever fills it.
		expect(await withDrawings(page(LANG_MARK), redraw)).toBe(page(LANG_MARK, '<svg>a</svg>'));
	});
});
