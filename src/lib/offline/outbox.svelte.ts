/**
 * The outbox: submissions saved on the device until the server has them. It never drops an item
 * the server has not confirmed, and never makes two of one: each keeps its device-made id, which
 * the server takes only once. Sends by itself when the network returns, backing off on failures.
 */
import { m } from '$lib/paraglide/messages.js';
import type { Assessment } from '$lib/domain/assessments';
import type { ResponseDates } from '$lib/domain/calendar';
import { BATCH_MAX_BYTES, BATCH_MAX_RECORDS } from '$lib/domain/assessment-batch';
import { backoffMs, batches, sendBatch, type SendOutcome } from './send';
import { outboxStore, type OutboxItem, type OutboxStore } from './store';

export type AssessmentItem = OutboxItem<Assessment>;

export interface OutboxDeps {
	store: OutboxStore;
	fetch: typeof fetch;
	now: () => number;
	random: () => number;
	endpoint: string;
}

const defaults = (): OutboxDeps => ({
	store: outboxStore,
	fetch: (...args) => fetch(...args),
	now: () => Date.now(),
	random: () => Math.random(),
	endpoint: '/api/v1/assessments'
});

/** Only one tab sends at a time, where the browser can say so (Web Locks). */
async function exclusively(fn: () => Promise<void>): Promise<void> {
	const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
	if (locks) await locks.request('sahakar-outbox', fn);
	else await fn();
}

export class Outbox {
	items = $state<AssessmentItem[]>([]);
	loaded = $state(false);
	/** The items on their way to the server right now (one batch). */
	sending = $state<string[]>([]);
	/** The server answered 401: everything waits until the user signs in again. */
	needsSignIn = $state(false);
	/** Confirmed by the server since this page opened. */
	sent = $state(0);

	// Getters, not $derived: the outbox outlives the page component that first made it, and a
	// derived would be owned (and retired) by that component.
	get mine(): AssessmentItem[] {
		return this.items.filter((i) => i.userId === this.userId);
	}
	get waiting(): number {
		return this.mine.filter((i) => i.state === 'waiting').length;
	}
	get refused(): number {
		return this.mine.filter((i) => i.state === 'refused').length;
	}
	/** Saved on this device by another account; they stay until that person sends them. */
	get others(): number {
		return this.items.length - this.mine.length;
	}

	#deps: OutboxDeps;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#flushing: Promise<void> | null = null;
	#queued: Promise<void> | null = null;
	#queuedNow = false;

	constructor(
		readonly userId: number,
		deps: Partial<OutboxDeps> = {}
	) {
		this.#deps = { ...defaults(), ...deps };
	}

	async load(): Promise<void> {
		this.items = (await this.#deps.store.all()) as AssessmentItem[];
		this.loaded = true;
	}

	get(id: string): AssessmentItem | undefined {
		return this.items.find((i) => i.id === id);
	}

	/**
	 * Keeps a submission on the device (a new one, or a new version of one still waiting) and
	 * tries to send it at once. Throws the schema's error if it is not valid, also for a day
	 * outside the response's dates when the page gives them: found now, not days later.
	 */
	async save(input: unknown, response?: ResponseDates): Promise<AssessmentItem> {
		// The schema comes with the first save, not with the pages that show the outbox.
		const { assessmentSchema, assessmentSchemaIn } = await import('$lib/domain/assessments');
		const payload = (response ? assessmentSchemaIn(response) : assessmentSchema).parse(input);
		const now = this.#deps.now();
		const before = await this.#deps.store.get(payload.id);
		const item: AssessmentItem = {
			id: payload.id,
			kind: 'assessment',
			responseId: payload.responseId,
			userId: before?.userId ?? this.userId,
			payload,
			state: 'waiting',
			attempts: 0,
			nextAttemptAt: now,
			lastError: null,
			savedAt: before?.savedAt ?? now,
			updatedAt: now
		};
		await this.#deps.store.put($state.snapshot(item) as AssessmentItem);
		await this.load();
		void this.flush();
		return item;
	}

	async discard(id: string): Promise<void> {
		await this.#deps.store.delete(id);
		await this.load();
	}

	/**
	 * Gives a refused item a fresh id, for when its id was already used on the server for other
	 * content: the server keeps that first version and this one arrives as a new assessment.
	 */
	async saveAsNew(id: string): Promise<void> {
		const item = await this.#deps.store.get(id);
		if (!item) return;
		const fresh = crypto.randomUUID();
		const now = this.#deps.now();
		await this.#deps.store.replace(id, {
			...item,
			id: fresh,
			payload: { ...item.payload, id: fresh },
			state: 'waiting',
			attempts: 0,
			nextAttemptAt: now,
			lastError: null,
			updatedAt: now
		});
		await this.load();
		void this.flush();
	}

	/**
	 * Sends what is due, oldest first, in batches (`sendBatch`). `now` also sends what is backing off (the
	 * network just came back, or the user asked).
	 */
	flush(now = false): Promise<void> {
		if (this.#flushing) {
			// One more round after this one, for what was saved or came due meanwhile.
			this.#queuedNow ||= now;
			this.#queued ??= this.#flushing.then(() => {
				const queuedNow = this.#queuedNow;
				this.#queued = null;
				this.#queuedNow = false;
				return this.flush(queuedNow);
			});
			return this.#queued;
		}
		this.#flushing = exclusively(() => this.#sendDue(now)).finally(() => {
			this.#flushing = null;
			this.#schedule();
		});
		return this.#flushing;
	}

	async #sendDue(now: boolean): Promise<void> {
		if (this.needsSignIn) return;
		// Another tab may have sent or changed items meanwhile.
		await this.load();
		const due = this.mine
			.filter((item) => item.state === 'waiting' && (now || item.nextAttemptAt <= this.#deps.now()))
			.sort((a, b) => a.savedAt - b.savedAt);
		for (const batch of batches(due, BATCH_MAX_RECORDS, BATCH_MAX_BYTES - 100)) {
			this.sending = batch.map((item) => item.id);
			const outcomes = await sendBatch(
				this.#deps.fetch,
				this.#deps.endpoint,
				batch.map((item) => item.payload)
			);
			this.sending = [];
			// Each item by its own answer: sent, refused with its reason, or kept for a retry.
			for (const [i, item] of batch.entries()) await this.#settle(item, outcomes[i]);
			if (outcomes.some((o) => o.kind === 'signed_out')) break;
			// No network: the rest would fail alike; wait for the backoff or the network.
			if (outcomes.some((o) => o.kind === 'retry' && o.status === null)) break;
		}
		await this.load();
	}

	async #settle(item: AssessmentItem, outcome: SendOutcome): Promise<void> {
		const { store } = this.#deps;
		const current = await store.get(item.id);
		// Edited or discarded while on its way: the newer version goes its own way (if the old
		// one arrived, the server will answer the edit with a conflict, shown on the item).
		if (!current || current.updatedAt !== item.updatedAt) return;
		const now = this.#deps.now();
		switch (outcome.kind) {
			case 'sent':
				await store.delete(item.id);
				this.sent += 1;
				return;
			case 'signed_out':
				this.needsSignIn = true;
				await store.put({
					...current,
					lastError: { status: 401, message: m.assess_outbox_signed_out() }
				});
				return;
			case 'refused':
				await store.put({
					...current,
					state: 'refused',
					attempts: current.attempts + 1,
					lastError: {
						status: outcome.status,
						message: outcome.message ?? m.assess_outbox_refused({ status: outcome.status }),
						fields: outcome.fields
					}
				});
				return;
			case 'retry': {
				const attempts = current.attempts + 1;
				const message =
					outcome.status === null
						? m.assess_outbox_offline()
						: outcome.status >= 500
							? m.assess_outbox_server_error({ status: outcome.status })
							: (outcome.message ?? m.assess_outbox_not_receipt());
				await store.put({
					...current,
					attempts,
					nextAttemptAt: now + backoffMs(attempts, this.#deps.random()),
					lastError: { status: outcome.status, message }
				});
			}
		}
	}

	#schedule(): void {
		clearTimeout(this.#timer);
		if (this.needsSignIn) return;
		const due = this.mine.filter((i) => i.state === 'waiting').map((i) => i.nextAttemptAt);
		if (!due.length) return;
		const delay = Math.max(0, Math.min(...due) - this.#deps.now());
		this.#timer = setTimeout(() => void this.flush(), delay);
	}

	/** Loads, sends what is due, and keeps sending whenever the network or the page comes back. */
	start(): () => void {
		const online = () => void this.flush(true);
		const visible = () => {
			if (document.visibilityState === 'visible') void this.flush();
		};
		window.addEventListener('online', online);
		document.addEventListener('visibilitychange', visible);
		void this.load().then(() => this.flush());
		return () => {
			window.removeEventListener('online', online);
			document.removeEventListener('visibilitychange', visible);
			clearTimeout(this.#timer);
		};
	}
}

let shared: { outbox: Outbox; stop: () => void } | undefined;

/** The page's one outbox for the signed-in user, started on first use (in the browser only). */
export function outboxFor(userId: number): Outbox {
	// On the server the outbox is only drawn, as not read yet; the device's copy loads in the page.
	if (typeof window === 'undefined') return new Outbox(userId);
	if (shared?.outbox.userId !== userId) {
		shared?.stop();
		const outbox = new Outbox(userId);
		shared = { outbox, stop: outbox.start() };
	}
	return shared.outbox;
}
