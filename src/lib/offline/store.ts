/**
 * The outbox's storage on the device: one IndexedDB object store, keyed by the item's id. Plain
 * IndexedDB (a few requests, no wrapper library): the form page reads it as it opens to see
 * whether anything waits, so it is part of that page's first download.
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

let opened: Promise<IDBDatabase> | undefined;

function db(): Promise<IDBDatabase> {
	opened ??= new Promise<IDBDatabase>((resolve, reject) => {
		const request = indexedDB.open(OUTBOX_DB, 1);
		request.onupgradeneeded = () => {
			request.result.createObjectStore(STORE, { keyPath: 'id' });
		};
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	}).catch((e: unknown) => {
		// A failed open (storage full, private mode) is tried again on the next use.
		opened = undefined;
		throw e;
	});
	return opened;
}

/**
 * Runs `work` in one transaction on the store and resolves with its last request's result once
 * the transaction has committed (so a write is on the device when the promise resolves).
 */
async function inStore<T>(
	mode: IDBTransactionMode,
	work: (store: IDBObjectStore) => IDBRequest<T>
): Promise<T> {
	const tx = (await db()).transaction(STORE, mode);
	const request = work(tx.objectStore(STORE));
	return new Promise<T>((resolve, reject) => {
		tx.oncomplete = () => resolve(request.result);
		tx.onerror = () => reject(tx.error ?? request.error);
		tx.onabort = () => reject(tx.error ?? new Error('The outbox transaction was aborted.'));
	});
}

export const outboxStore = {
	/** How many items the device holds, anyone's: reads no item. */
	async count(): Promise<number> {
		return inStore('readonly', (s) => s.count());
	},
	async all(): Promise<OutboxItem[]> {
		const items = (await inStore('readonly', (s) => s.getAll())) as OutboxItem[];
		return items.sort((a, b) => a.savedAt - b.savedAt);
	},
	async get(id: string): Promise<OutboxItem | undefined> {
		return (await inStore('readonly', (s) => s.get(id))) as OutboxItem | undefined;
	},
	async put(item: OutboxItem): Promise<void> {
		await inStore('readwrite', (s) => s.put(item));
	},
	async delete(id: string): Promise<void> {
		await inStore('readwrite', (s) => s.delete(id));
	},
	/** Replaces one item by another in one transaction, so it is never in both or neither. */
	async replace(oldId: string, item: OutboxItem): Promise<void> {
		await inStore('readwrite', (s) => {
			s.delete(oldId);
			return s.put(item);
		});
	}
};
export type OutboxStore = typeof outboxStore;
