/**
 * Streaming XML for the parts of an XLSX, with saxes (no DTDs, no entity expansion). Every
 * token (a text, a name, an attribute) is bounded before saxes buffers it: one cell's text
 * cannot grow past what a cell may hold, whatever the part's size.
 */
import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { SpreadsheetRefused } from './limits';

export interface XmlHandlers {
	open?(name: string, attributes: Record<string, string>): void;
	text?(text: string): void;
	close?(name: string): void;
}

/** The local name: some writers prefix SpreadsheetML tags (`x:row`). */
const local = (name: string) => {
	const at = name.indexOf(':');
	return at < 0 ? name : name.slice(at + 1);
};

/** The XML parser and a guard on the longest run between two markup characters. */
export function xmlParser(handlers: XmlHandlers, maxRun: number) {
	const parser = new SaxesParser({ xmlns: false });
	if (handlers.open) {
		const open = handlers.open;
		parser.on('opentag', (tag: SaxesTagPlain) => open(local(tag.name), tag.attributes));
	}
	if (handlers.text) parser.on('text', handlers.text);
	if (handlers.close) {
		const close = handlers.close;
		parser.on('closetag', (tag: SaxesTagPlain) => close(local(tag.name)));
	}
	parser.on('error', () => {
		throw new SpreadsheetRefused('bad_xml');
	});
	const decoder = new TextDecoder('utf-8');
	let run = 0;
	const guard = (text: string) => {
		const find = (c: string, at: number) => {
			const i = text.indexOf(c, at);
			return i < 0 ? Infinity : i;
		};
		let from = 0;
		let lt = -1;
		let gt = -1;
		for (;;) {
			if (lt < from) lt = find('<', from);
			if (gt < from) gt = find('>', from);
			const next = Math.min(lt, gt);
			run += (next === Infinity ? text.length : next) - from;
			if (run > maxRun) throw new SpreadsheetRefused('cell_too_long');
			if (next === Infinity) return;
			run = 0;
			from = next + 1;
		}
	};
	return {
		write(chunk: Buffer) {
			const text = decoder.decode(chunk, { stream: true });
			guard(text);
			parser.write(text);
		},
		close() {
			parser.write(decoder.decode());
			parser.close();
		}
	};
}

/**
 * Reads a part through the parser. `after` runs after each chunk (the caller hands over what
 * the chunk produced); a part that inflates past its declared size is refused.
 */
export async function* parsePart(
	stream: Readable,
	parser: ReturnType<typeof xmlParser>
): AsyncGenerator<void> {
	try {
		for await (const chunk of stream) {
			parser.write(chunk as Buffer);
			yield;
		}
	} catch (e) {
		stream.destroy();
		if (e instanceof SpreadsheetRefused) throw e;
		// yauzl's "too many bytes in the stream": more than the directory declared.
		throw new SpreadsheetRefused('entry_too_large');
	}
	parser.close();
}
