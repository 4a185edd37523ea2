/**
 * The outbox's storage on the device: one IndexedDB object store, keyed by the item's id, used
 * through IndexedDB's own calls (a request each, made a promise here). The form page counts it
 * as it opens, so this is in its first download: a wrapper library was a third of that.
 */

export type OutboxState = 'waiting' | 'sending' | 'refused';

export interface OutboxError {
	/** The HTTP status, or null when the server could not be reached. */
	status: number | null;
	message: string;
	fields?: Record<string, string>;
}

export interface OutboxItem<P extends { id: string } = { id: string } & Record<string, unknown>> {
	/** The device-made id, the same as the payload's. */
	id: string;
	kind: 'assessment';
	responseId: number;
	/** Who saved it: only they send it, so nobody posts in another's name. */
	userId: number;
	payload: P;
	state: OutboxState;
	attempts: number;
	/** Not before this time (ms since the epoch): the backoff. */
	nextAttemptAt: number;
	lastError: OutboxError | null;
	savedAt: number;
	updatedAt: number;
}

const OUTBOX_DB = 'sahakar-offline';
const STORE = 'outbox';

/** A request's result, or its error. */
function done<T>(request: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
}

let opened: Promise<IDBDatabase> | undefined;

function db(): Promise<IDBDatabase> {
	opened ??= (async () => {
		const request = indexedDB.open(OUTBOX_DB, 1);
		request.onupgradeneeded = () => {
			request.result.createObjectStore(STORE, { keyPath: 'id' });
		};
		const database = await done(request);
		// Another tab's newer version (none yet) would wait on this one: it lets go.
		database.onversionchange = () => {
			database.close();
			opened = undefined;
		};
		return database;
	})().catch((e: unknown) => {
		// A failed open (storage full, private mode) is tried again on the next use.
		opened = undefined;
		throw e;
	});
	return opened;
}

/** The store in a transaction of its own, and that transaction's end. */
async function store(mode: IDBTransactionMode) {
	const tx = (await db()).transaction(STORE, mode);
	const ended = new Promise<void>((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error);
		tx.onabort = () => reject(tx.error ?? new DOMException('aborted', 'AbortError'));
	});
	return { store: tx.objectStore(STORE), ended };
}

/** A read in a transaction of its own. */
async function read<T>(op: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
	return done(op((await store('readonly')).store));
}

/** Writes in one transaction, settled when it is committed. */
async function write(op: (store: IDBObjectStore) => void): Promise<void> {
	const { store: s, ended } = await store('readwrite');
	op(s);
	await ended;
}

export const outboxStore = {
	/** How many items the device holds, anyone's: reads no item. */
	count(): Promise<number> {
		return read((s) => s.count());
	},
	async all(): Promise<OutboxItem[]> {
		const items = await read((s) => s.getAll() as IDBRequest<OutboxItem[]>);
		return items.sort((a, b) => a.savedAt - b.savedAt);
	},
	get(id: string): Promise<OutboxItem | undefined> {
		return read((s) => s.get(id) as IDBRequest<OutboxItem | undefined>);
	},
	put(item: OutboxItem): Promise<void> {
		return write((s) => s.put(item));
	},
	delete(id: string): Promise<void> {
		return write((s) => s.delete(id));
	},
	/** Replaces one item by another in one transaction, so it is never in both or neither. */
	replace(oldId: string, item: OutboxItem): Promise<void> {
		return write((s) => {
			s.delete(oldId);
			s.put(item);
		});
	}
};
export type OutboxStore = typeof outboxStore;
