import { describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { openSqliteTestDb, type Db } from '$lib/server/db';
import { organisations } from '$lib/server/db/schema';
import { first, transaction } from './transaction';

const names = async (db: Db) =>
	(
		await db.select({ name: organisations.name }).from(organisations).orderBy(asc(organisations.id))
	).map((r) => r.name);

const add = (db: Db, name: string) =>
	db.insert(organisations).values({ name, acronym: name, type: 'ngo' });

/** A promise the test settles when it chooses. */
function gate() {
	let open!: () => void;
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { open, opened };
}

describe('transaction', () => {
	it('writes everything, or nothing when the work throws after awaiting', async () => {
		const db = openSqliteTestDb() as unknown as Db;
		await transaction(db, async (tx) => {
			await add(tx, 'A');
			await add(tx, 'B');
		});
		await expect(
			transaction(db, async (tx) => {
				await add(tx, 'C');
				await Promise.resolve();
				throw new Error('refused');
			})
		).rejects.toThrow('refused');
		expect(await names(db)).toEqual(['A', 'B']);
	});

	it('runs two at once one after the other, so one rolled back takes nothing of the other', async () => {
		const db = openSqliteTestDb() as unknown as Db;
		const held = gate();
		const failing = transaction(db, async (tx) => {
			await add(tx, 'lost');
			await held.opened;
			throw new Error('refused');
		});
		const other = transaction(db, async (tx) => {
			await add(tx, 'kept');
			return 'done';
		});
		held.open();
		await expect(failing).rejects.toThrow('refused');
		expect(await other).toBe('done');
		expect(await names(db)).toEqual(['kept']);
	});

	it('is a savepoint inside another: the inner one alone rolls back when the outer goes on', async () => {
		const db = openSqliteTestDb() as unknown as Db;
		await transaction(db, async (tx) => {
			await add(tx, 'outer');
			await transaction(tx, async (inner) => {
				await add(inner, 'inner');
				throw new Error('inner refused');
			}).catch(() => undefined);
			await transaction(tx, (inner) => add(inner, 'second'));
		});
		expect(await names(db)).toEqual(['outer', 'second']);
		await expect(
			transaction(db, async (tx) => {
				await transaction(tx, (inner) => add(inner, 'nested'));
				throw new Error('outer refused');
			})
		).rejects.toThrow('outer refused');
		expect(await names(db)).toEqual(['outer', 'second']);
	});
});

describe('first', () => {
	it('is the first row of a select, or undefined when there is none', async () => {
		const db = openSqliteTestDb() as unknown as Db;
		await transaction(db, async (tx) => {
			await add(tx, 'A');
			await add(tx, 'B');
		});
		const query = () => db.select().from(organisations).orderBy(asc(organisations.id));
		expect((await first(query()))?.name).toBe('A');
		expect(
			await first(db.select().from(organisations).where(eq(organisations.name, 'Z')))
		).toBeUndefined();
	});

	it('runs on SQLite without a bound LIMIT (SQLite compiles such a statement at every run)', async () => {
		const db = openSqliteTestDb() as unknown as Db;
		await add(db, 'A');
		const client = (db as unknown as { $client: { prepare(sql: string): unknown } }).$client;
		const prepare = client.prepare;
		const seen: string[] = [];
		client.prepare = function (this: unknown, sql: string) {
			seen.push(sql);
			return prepare.call(this, sql);
		};
		expect((await first(db.select().from(organisations)))?.name).toBe('A');
		expect(seen).toHaveLength(1);
		expect(seen[0]).not.toMatch(/limit/i);
	});
});
