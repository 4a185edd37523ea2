/** Reading drawn SVG back in tests. */
import { SaxesParser } from 'saxes';

export interface SvgElement {
	name: string;
	attributes: Record<string, string>;
	text: string;
}

/** Parses the SVG as XML (a malformed document throws) into its elements in order. */
export function parseSvg(svg: string): SvgElement[] {
	const parser = new SaxesParser({ xmlns: false });
	const elements: SvgElement[] = [];
	const open: SvgElement[] = [];
	parser.on('opentag', (t) => {
		const e = { name: t.name, attributes: t.attributes as Record<string, string>, text: '' };
		elements.push(e);
		open.push(e);
	});
	parser.on('text', (text) => {
		if (open.length) open[open.length - 1].text += text;
	});
	parser.on('closetag', () => open.pop());
	parser.write(svg).close();
	return elements;
}
