/**
 * A drawing as a list of shapes: what the map and chart functions make. `toSvg` writes it as an
 * SVG document (the print page inlines it); the PDF draws the same shapes with pdfkit, so both
 * come from one geometry and no browser is needed.
 */
export type Shape =
	| {
			kind: 'path';
			d: string;
			/** `none` for a line. */
			fill: string;
			stroke?: string;
			strokeWidth?: number;
			/** Shown on hover on a page; not drawn. */
			title?: string;
	  }
	| {
			kind: 'rect';
			x: number;
			y: number;
			w: number;
			h: number;
			fill: string;
			stroke?: string;
			/** Shown on hover on a page; not drawn. */
			title?: string;
	  }
	| {
			kind: 'circle';
			cx: number;
			cy: number;
			r: number;
			fill: string;
			stroke?: string;
			opacity?: number;
	  }
	| {
			kind: 'text';
			x: number;
			y: number;
			text: string;
			size: number;
			anchor?: 'start' | 'middle' | 'end';
			bold?: boolean;
			fill?: string;
	  };

export interface Scene {
	width: number;
	height: number;
	/** Read by screen readers and shown as the SVG's title. */
	title: string;
	shapes: Shape[];
}

const escape = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const num = (n: number) => String(Math.round(n * 100) / 100);

/** An element's end: its hover title inside it, when it has one. */
const end = (name: string, title: string | undefined) =>
	title ? `><title>${escape(title)}</title></${name}>` : '/>';

function shapeSvg(s: Shape): string {
	switch (s.kind) {
		case 'path':
			return `<path d="${s.d}" fill="${s.fill}"${s.stroke ? ` stroke="${s.stroke}" stroke-width="${num(s.strokeWidth ?? 1)}"` : ''}${end('path', s.title)}`;
		case 'rect':
			return `<rect x="${num(s.x)}" y="${num(s.y)}" width="${num(s.w)}" height="${num(s.h)}" fill="${s.fill}"${s.stroke ? ` stroke="${s.stroke}"` : ''}${end('rect', s.title)}`;
		case 'circle':
			return `<circle cx="${num(s.cx)}" cy="${num(s.cy)}" r="${num(s.r)}" fill="${s.fill}"${s.stroke ? ` stroke="${s.stroke}"` : ''}${s.opacity !== undefined ? ` fill-opacity="${s.opacity}"` : ''}/>`;
		case 'text':
			return `<text x="${num(s.x)}" y="${num(s.y)}" font-size="${num(s.size)}"${s.anchor ? ` text-anchor="${s.anchor}"` : ''}${s.bold ? ' font-weight="bold"' : ''} fill="${s.fill ?? '#1d2327'}">${escape(s.text)}</text>`;
	}
}

export function toSvg(scene: Scene): string {
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${scene.width} ${scene.height}" width="${scene.width}" height="${scene.height}" role="img" font-family="Noto Sans, Noto Sans Khmer, sans-serif">`,
		`<title>${escape(scene.title)}</title>`,
		...scene.shapes.map(shapeSvg),
		'</svg>'
	].join('');
}
