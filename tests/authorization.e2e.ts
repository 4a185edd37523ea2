/**
 * The authorization matrix (tests/authorization-matrix.ts) against the built app: every request
 * the route tree answers, as every role and signed out, on the own and the other organisation's
 * records. The app runs on a database of its own (tests/support/make-world.ts makes its data), so
 * this file depends on no other.
 */
import { expect, test } from '@playwright/test';
import { COLUMNS, type Answer, type Column } from './support/app';
import { discoverRequests } from './support/routes';
import { useWorldApp } from './support/world-app';
import {
	MATRIX,
	body,
	destructive,
	params,
	query,
	tokenAuth,
	usesSpareSession,
	type Outcome,
	type Row
} from './authorization-matrix';

const shared = useWorldApp();

function outcome(a: Answer): Outcome | string {
	if (a.status >= 500) return `${a.status} server error`;
	if (a.status === 401 || a.status === 403 || a.status === 404) return String(a.status);
	const location = String(a.headers.location ?? '');
	if (a.status >= 300 && a.status < 400 && location.startsWith('/login')) return 'login';
	return 'ok';
}

/** A refusal: an answer that lets nothing through (signing out is no refusal). */
const refused = (o: string, column: Column) =>
	o === '401' || o === '403' || o === '404' || (o === 'login' && column === 'out');

async function send(row: Row, column: Column) {
	const side = row.record ?? 'own';
	const ctx = {
		world: shared.world,
		column,
		records: shared.world.records[side][COLUMNS.indexOf(column)]
	};
	const [method, pattern] = row.request.split(' ');
	const path = pattern.replace(/\[(\w+)\]/g, (_, name: string) =>
		encodeURIComponent(params(row.request, name, ctx))
	);
	const [pathname, action] = path.split('?');
	const url = pathname + (action ? `?${action}` : query(row.request, ctx));
	const token = tokenAuth(row.request, ctx);
	const session =
		column === 'out' || token
			? null
			: usesSpareSession(row.request)
				? shared.world.spareSessions[column]
				: shared.world.sessions[column];
	const sent = method === 'GET' || method === 'HEAD' ? null : body(row.request, ctx);
	return shared.app.send({
		method,
		path: url,
		session,
		...sent,
		headers: { ...(sent && 'headers' in sent ? sent.headers : {}), ...token }
	});
}

test('every request the app answers has its line in the matrix, and no line is stale', () => {
	const listed = new Set(MATRIX.map((r) => r.request));
	const found = discoverRequests();
	expect(
		found.filter((r) => !listed.has(r)),
		'requests without a line'
	).toEqual([]);
	expect(
		[...listed].filter((r) => !found.includes(r)),
		'lines without a route'
	).toEqual([]);
	for (const request of listed) {
		const sides = MATRIX.filter((r) => r.request === request).map((r) => r.record);
		expect([['own', 'other'], [null]], `${request}: one line, or own and other`).toContainEqual(
			sides
		);
	}
});

const ordered = [
	...MATRIX.filter((r) => !destructive(r.request)),
	...MATRIX.filter((r) => destructive(r.request))
];

for (const row of ordered) {
	test(`${row.request}${row.record ? ` (${row.record} organisation's record)` : ''}`, async () => {
		const actual: Record<string, string> = {};
		const wrote: string[] = [];
		for (const column of COLUMNS) {
			const before = shared.dataVersion();
			const answer = await send(row, column);
			actual[column] = outcome(answer);
			if (refused(actual[column], column) && shared.dataVersion() !== before) wrote.push(column);
		}
		expect(actual).toEqual(row.expected);
		expect(wrote, 'refused requests that wrote to the database').toEqual([]);
	});
}
