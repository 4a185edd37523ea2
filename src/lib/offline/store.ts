/** The outbox's storage on the device: one IndexedDB object store, keyed by the item's id. */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

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

interface OutboxDb extends DBSchema {
	outbox: { key: string; value: OutboxItem };
}

const OUTBOX_DB = 'sahakar-offline';

let opened: Promise<IDBPDatabase<OutboxDb>> | undefined;

function db(): Promise<IDBPDatabase<OutboxDb>> {
	opened ??= openDB<OutboxDb>(OUTBOX_DB, 1, {
		upgrade(database) {
			database.createObjectStore('outbox', { keyPath: 'id' });
		}
	}).catch((e: unknown) => {
		// A failed open (storage full, private mode) is tried again on the next use.
		opened = undefined;
		throw e;
	});
	return opened;
}

export const outboxStore = {
	/** How many items the device holds, anyone's: reads no item. */
	async count(): Promise<number> {
		return (await db()).count('outbox');
	},
	async all(): Promise<OutboxItem[]> {
		const items = await (await db()).getAll('outbox');
		return items.sort((a, b) => a.savedAt - b.savedAt);
	},
	async get(id: string): Promise<OutboxItem | undefined> {
		return (await db()).get('outbox', id);
	},
	async put(item: OutboxItem): Promise<void> {
		await (await db()).put('outbox', item);
	},
	async delete(id: string): Promise<void> {
		await (await db()).delete('outbox', id);
	},
	/** Replaces one item by another in one transaction, so it is never in both or neither. */
	async replace(oldId: string, item: OutboxItem): Promise<void> {
		const tx = (await db()).transaction('outbox', 'readwrite');
		await Promise.all([tx.store.delete(oldId), tx.store.put(item), tx.done]);
	}
};
export type OutboxStore = typeof outboxStore;
