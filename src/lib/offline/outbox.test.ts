import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import type { RequestEvent } from '@sveltejs/kit';
import type { SessionUser } from '$lib/server/auth/sessions';
import { allowInserts, countAssessments, refuseInsertOf } from '$lib/server/assessments/testing';
import { submitAssessment } from '$lib/server/assessments';
import { assessmentSchema } from '$lib/domain/assessments';
import { assessmentWorld, sample } from '$lib/server/assessments/testing';
import { POST } from '../../routes/api/v1/assessments/+server';
import { Outbox } from './outbox.svelte';
import { outboxStore } from './store';

type Fault = 'ok' | 'lost_request' | 'lost_answer' | 'server_error' | 'portal' | 'expired';

let w: Awaited<ReturnType<typeof assessmentWorld>>;
let clock = 1_000_000;

beforeEach(async () => {
	w = await assessmentWorld();
	for (const item of await outboxStore.all()) await outboxStore.delete(item.id);
});

/**
 * The real endpoint on an in-memory database, behind a network that fails as told: requests
 * lost on the way, answers lost after the server wrote, 500s, a captive portal, a 401.
 */
function network(faults: Fault[], user: SessionUser = w.field) {
	return async (url: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
		const fault = faults.shift() ?? 'ok';
		if (fault === 'lost_request') throw new TypeError('Failed to fetch');
		if (fault === 'server_error') return new Response('oops', { status: 500 });
		if (fault === 'portal') return new Response('<html>Sign in to Wi-Fi</html>', { status: 200 });
		const request = new Request(new URL(String(url), 'http://localhost'), init);
		const res = await POST({
			request,
			url: new URL(request.url),
			locals: {
				db: w.db,
				user: fault === 'expired' ? null : user,
				apiScopes: null,
				sessionId: null
			}
		} as unknown as RequestEvent<Record<string, never>, '/api/v1/assessments'>);
		if (fault === 'lost_answer') throw new TypeError('network changed');
		return res;
	};
}

const outbox = (faults: Fault[], user = w.field) =>
	new Outbox(user.id, {
		fetch: network(faults, user),
		now: () => clock,
		random: () => 0.5
	});

async function drain(box: Outbox, rounds = 40) {
	for (let i = 0; i < rounds && box.mine.length; i++) {
		clock += 10 * 60_000;
		await box.flush();
	}
}

describe('the outbox', () => {
	it('sends what was saved and empties', async () => {
		const box = outbox([]);
		await box.save(sample(w.responseId));
		await box.save(sample(w.responseId));
		await box.flush();
		expect(box.items).toEqual([]);
		expect(box.sent).toBe(2);
		expect(await countAssessments(w.db)).toBe(2);
	});

	it('sends its queue in one batch and marks each item by its own answer', async () => {
		const error = vi.spyOn(console, 'error').mockImplementation(() => {});
		let online = false;
		const requests: { records?: { id: string }[] }[] = [];
		const server = network([]);
		const box = new Outbox(w.field.id, {
			fetch: async (url, init) => {
				if (!online) throw new TypeError('Failed to fetch');
				requests.push(JSON.parse(String(init?.body)));
				return server(url, init);
			},
			now: () => clock,
			random: () => 0.5
		});
		// The server already has this id with other content (sent from another device, say).
		const taken = sample(w.responseId);
		await submitAssessment(w.db, w.field, assessmentSchema.parse({ ...taken, injured: 9 }));
		const save = (input: unknown) => ((clock += 1_000), box.save(input));
		const good = await save(sample(w.responseId));
		const late = await save(sample(w.responseId, { observedOn: '2020-09-01' }));
		const reused = await save(taken);
		const failing = await save(sample(w.responseId));
		const good2 = await save(sample(w.responseId));
		await box.flush();
		expect(box.waiting).toBe(5);
		await refuseInsertOf(w.db, failing.id);

		online = true;
		await box.flush(true);
		expect(requests).toHaveLength(1);
		expect(requests[0].records?.map((r) => r.id)).toEqual(
			[good, late, reused, failing, good2].map((i) => i.id)
		);
		expect(box.get(good.id)).toBeUndefined();
		expect(box.get(good2.id)).toBeUndefined();
		expect(box.sent).toBe(2);
		expect(box.get(late.id)).toMatchObject({
			state: 'refused',
			lastError: { status: 400, fields: { observedOn: 'Before the response began (2020-10-01).' } }
		});
		expect(box.get(reused.id)).toMatchObject({
			state: 'refused',
			lastError: { status: 409, message: expect.stringContaining('different content') }
		});
		// The server's problem with one record: kept, waiting, backing off; sent once it is fixed.
		const kept = box.get(failing.id)!;
		expect(kept).toMatchObject({ state: 'waiting', attempts: 2, lastError: { status: 500 } });
		expect(kept.nextAttemptAt).toBeGreaterThan(clock);
		expect(error).toHaveBeenCalledOnce();
		error.mockRestore();
		await allowInserts(w.db);
		clock = kept.nextAttemptAt;
		await box.flush();
		expect(box.get(failing.id)).toBeUndefined();
		expect(requests).toHaveLength(2);
		expect(await countAssessments(w.db)).toBe(4);
	});

	it('keeps items through failures, backing off, and sends each exactly once', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 1, max: 5 }),
				fc.array(
					fc.constantFrom<Fault>('ok', 'lost_request', 'lost_answer', 'server_error', 'portal'),
					{
						maxLength: 25
					}
				),
				// One database for every run (a fresh one each would be most of the time on
				// PostgreSQL): a run checks what it added.
				async (n, faults) => {
					for (const item of await outboxStore.all()) await outboxStore.delete(item.id);
					const before = await countAssessments(w.db);
					const box = outbox(faults);
					const ids: string[] = [];
					for (let i = 0; i < n; i++) ids.push((await box.save(sample(w.responseId))).id);
					await drain(box);
					expect(box.items).toEqual([]);
					expect(await countAssessments(w.db)).toBe(before + n);
					const mine = new Set(ids);
					const stored = (await w.db.query.assessments.findMany())
						.map((r) => r.id)
						.filter((id) => mine.has(id));
					expect(stored.sort()).toEqual(ids.sort());
				}
			),
			{ numRuns: 60 }
		);
	});

	it('waits with growing pauses while the server fails', async () => {
		const box = outbox(['server_error', 'server_error', 'server_error']);
		const { id } = await box.save(sample(w.responseId));
		await box.flush();
		const saved = clock;
		const first = box.get(id)!;
		expect(first.lastError).toMatchObject({ status: 500 });
		clock = first.nextAttemptAt;
		await box.flush();
		const second = box.get(id)!;
		expect(second.attempts).toBe(2);
		expect(first.nextAttemptAt - saved).toBe(1_500);
		expect(second.nextAttemptAt - clock).toBe(3_000);
		await box.flush(); // not due yet: nothing sent
		expect(box.get(id)!.attempts).toBe(2);
	});

	it('keeps everything when the session expired, and resumes after signing in', async () => {
		const box = outbox(['expired']);
		await box.save(sample(w.responseId));
		await box.save(sample(w.responseId));
		await box.flush();
		expect(box.needsSignIn).toBe(true);
		expect(box.waiting).toBe(2);
		// Signed in again: the page opens anew, with a new outbox over the same storage.
		const again = outbox([]);
		await again.load();
		await again.flush();
		expect(again.items).toEqual([]);
		expect(await countAssessments(w.db)).toBe(2);
	});

	it('keeps a refused item with the server’s reason until it is fixed or discarded', async () => {
		const box = outbox([]);
		const input = sample(w.responseId, { observedOn: '2020-09-01' });
		await box.save(input);
		await box.flush();
		const item = box.get(input.id)!;
		expect(item.state).toBe('refused');
		expect(item.lastError?.fields).toHaveProperty('observedOn');
		await box.save({ ...item.payload, observedOn: '2020-10-02' });
		await box.flush();
		expect(box.items).toEqual([]);
		expect(await countAssessments(w.db)).toBe(1);
	});

	it('offers a fresh id when the server already has the id with other content', async () => {
		const input = sample(w.responseId);
		const box = outbox(['lost_answer']);
		await box.save(input);
		await box.flush();
		// The first version arrived, the answer did not; the user then edits it.
		await box.save({ ...input, notes: 'corrected' });
		await box.flush();
		expect(box.get(input.id)).toMatchObject({ state: 'refused', lastError: { status: 409 } });
		await box.saveAsNew(input.id);
		await box.flush();
		expect(box.items).toEqual([]);
		expect(await countAssessments(w.db)).toBe(2);
	});

	it('leaves another account’s items alone', async () => {
		await outbox(['lost_request']).save(sample(w.responseId));
		const other = outbox([], w.partner);
		await other.load();
		await other.flush();
		expect(other.others).toBe(1);
		expect(await countAssessments(w.db)).toBe(0);
	});

	it('refuses to keep an invalid submission', async () => {
		await expect(outbox([]).save({ ...sample(w.responseId), deaths: -1 })).rejects.toThrow();
		expect(await outboxStore.all()).toEqual([]);
	});

	it('refuses, before keeping it, a day outside the response, one ahead, or none of the calendar', async () => {
		const response = { startDate: '2020-10-01', endDate: '2020-12-31' };
		const refusal = async (observedOn: string) => {
			const saving = outbox([]).save(sample(w.responseId, { observedOn }), response);
			const error = await saving.then(
				() => null,
				(e: unknown) => e as { issues: { path: string[]; message: string }[] }
			);
			return error?.issues.find((i) => i.path[0] === 'observedOn')?.message;
		};
		expect(await refusal('2020-09-30')).toBe('Before the response began (2020-10-01).');
		expect(await refusal('2021-01-01')).toBe('After the response ended (2020-12-31).');
		expect(await refusal('2020-11-31')).toBe('There is no 2020-11-31 in the calendar.');
		expect(await refusal('9999-12-31')).toMatch(/^This date is in the future/);
		expect(await refusal('1970-01-01')).toBe('Before 2000-01-01: check the year.');
		expect(await outboxStore.all()).toEqual([]);
		expect(await refusal('2020-10-15')).toBeUndefined();
	});
});
