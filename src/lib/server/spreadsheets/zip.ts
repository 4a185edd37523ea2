/**
 * The XLSX container, checked from its central directory before anything is inflated: the
 * number of parts, each part's declared size, their total and compression ratio. yauzl then
 * inflates a part only up to its declared size (a part that inflates past it is an error), so a
 * directory that lies cannot smuggle in more than was checked.
 */
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { SpreadsheetRefused, type SpreadsheetLimits } from './limits';

export interface ZipArchive {
	/** Parts by name, as the directory lists them. */
	entries: Map<string, Entry>;
	open(name: string): Promise<Readable | null>;
	close(): void;
}

const MB = 1024 * 1024;

function openBuffer(bytes: Buffer): Promise<ZipFile> {
	return new Promise((resolve, reject) =>
		yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (err, zip) =>
			err ? reject(new SpreadsheetRefused('not_zip')) : resolve(zip)
		)
	);
}

export async function openZip(bytes: Buffer, limits: SpreadsheetLimits): Promise<ZipArchive> {
	const zip = await openBuffer(bytes);
	if (zip.entryCount > limits.maxEntries) {
		zip.close();
		throw new SpreadsheetRefused('too_many_entries');
	}
	const entries = new Map<string, Entry>();
	let total = 0;
	await new Promise<void>((resolve, reject) => {
		zip.on('entry', (entry: Entry) => {
			const size = entry.uncompressedSize;
			total += size;
			let refusal: SpreadsheetRefused | null = null;
			if (entry.isEncrypted()) refusal = new SpreadsheetRefused('encrypted');
			else if (size > limits.maxEntryBytes || total > limits.maxTotalBytes)
				refusal = new SpreadsheetRefused('entry_too_large');
			else if (size > MB && size > limits.maxRatio * Math.max(1, entry.compressedSize))
				refusal = new SpreadsheetRefused('too_compressed');
			if (refusal) return reject(refusal);
			entries.set(entry.fileName, entry);
			zip.readEntry();
		});
		zip.on('end', () => resolve());
		zip.on('error', () => reject(new SpreadsheetRefused('not_zip')));
		zip.readEntry();
	}).catch((e) => {
		zip.close();
		throw e;
	});
	return {
		entries,
		open(name) {
			const entry = entries.get(name);
			if (!entry) return Promise.resolve(null);
			return new Promise((resolve, reject) =>
				zip.openReadStream(entry, (err, stream) =>
					err ? reject(new SpreadsheetRefused('not_zip')) : resolve(stream)
				)
			);
		},
		close: () => zip.close()
	};
}
