/** The outbox's storage on the device: one IndexedDB object store, keyed by the item's id. */

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

// IndexedDB itself, in a few lines: the `idb` wrapper was the page's largest part of the outbox
// (3.3 KB of the assessment form's first load, which counts the items as it opens).
/** A request's result once it succeeds. */
const done = <T>(request: IDBRequest<T>) =>
	new Promise<T>((resolve, reject) => {
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});

let opened: Promise<IDBDatabase> | undefined;

function db(): Promise<IDBDatabase> {
	opened ??= new Promise<IDBDatabase>((resolve, reject) => {
		const request = indexedDB.open(OUTBOX_DB, 1);
		request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	}).catch((e: unknown) => {
		// A failed open (storage full, private mode) is tried again on the next use.
		opened = undefined;
		throw e;
	});
	return opened;
}

/** Runs `work` on the outbox in one transaction; settles once the transaction has committed. */
async function inStore<T = unknown>(
	mode: IDBTransactionMode,
	work: (store: IDBObjectStore) => IDBRequest[]
): Promise<T[]> {
	const tx = (await db()).transaction(STORE, mode);
	const committed = new Promise<void>((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error);
		tx.onabort = () => reject(tx.error ?? new Error('The offline storage refused the change.'));
	});
	const [results] = await Promise.all([
		Promise.all(work(tx.objectStore(STORE)).map(done)),
		committed
	]);
	return results as T[];
}

export const outboxStore = {
	/** How many items the device holds, anyone's: reads no item. */
	async count(): Promise<number> {
		const [n] = await inStore<number>('readonly', (s) => [s.count()]);
		return n;
	},
	async all(): Promise<OutboxItem[]> {
		const [items] = await inStore<OutboxItem[]>('readonly', (s) => [s.getAll()]);
		return items.sort((a, b) => a.savedAt - b.savedAt);
	},
	async get(id: string): Promise<OutboxItem | undefined> {
		const [item] = await inStore<OutboxItem | undefined>('readonly', (s) => [s.get(id)]);
		return item;
	},
	async put(item: OutboxItem): Promise<void> {
		await inStore('readwrite', (s) => [s.put(item)]);
	},
	async delete(id: string): Promise<void> {
		await inStore('readwrite', (s) => [s.delete(id)]);
	},
	/** Replaces one item by another in one transaction, so it is never in both or neither. */
	async replace(oldId: string, item: OutboxItem): Promise<void> {
		await inStore('readwrite', (s) => [s.delete(oldId), s.put(item)]);
	}
};
export type OutboxStore = typeof outboxStore;
