/**
 * What the outbox's status line shows. The outbox itself (`Outbox`) is one; before a page has
 * opened it (the form opens it only when the device holds items, or on the first save), these
 * stand in for it, so the form page's first download holds neither the sending nor its words.
 */
export interface OutboxSummary {
	readonly loaded: boolean;
	readonly needsSignIn: boolean;
	/** The signed-in user's items. */
	readonly mine: readonly unknown[];
	readonly waiting: number;
	readonly refused: number;
	readonly sent: number;
	readonly others: number;
}

const none = { needsSignIn: false, mine: [], waiting: 0, refused: 0, sent: 0, others: 0 };

/** Not read from the device yet (and on the server). */
export const outboxNotRead: OutboxSummary = { ...none, loaded: false };

/** Read from the device: nothing in it, nobody's. */
export const outboxEmpty: OutboxSummary = { ...none, loaded: true };
