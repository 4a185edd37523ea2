/**
 * The views a figure can be read through, for the consistency suite: the export's rows as a
 * person downloads them (the CSV of `/api/v1/export/…`, parsed back) and the JSON API's answers,
 * both through their routes, each fetched once per report.
 */
import { parse } from 'csv-parse/sync';
import type { Db } from '$lib/server/db';
import type { SessionUser } from '$lib/server/auth/sessions';
import { GET as exportGet } from '../../../../routes/api/v1/export/[dataset].[format]/+server';

export type Row = Record<string, string>;

/** Any route's GET handler, whatever its own parameters. */
export type Handler = (event: never) => Response | Promise<Response>;

export interface Views {
	db: Db;
	responseId: number;
	/** The report's day in Cambodia. */
	day: string;
	/** Who reads: a coordinator sees every row. */
	reader: SessionUser;
	/** The rows of an export's CSV under these filters, by column header. */
	rows(dataset: string, filters: Record<string, string>): Promise<Row[]>;
	/** The JSON of a GET endpoint. */
	api<T>(handler: Handler, path: string, params?: Record<string, string>): Promise<T>;
}

async function call(
	db: Db,
	reader: SessionUser,
	handler: Handler,
	path: string,
	params: Record<string, string>
): Promise<Response> {
	const url = new URL(`http://localhost${path}`);
	const event = {
		request: new Request(url),
		url,
		params,
		locals: { db, user: reader, apiScopes: null, sessionId: null }
	};
	const res = await handler(event as never);
	if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
	return res;
}

export function views(db: Db, responseId: number, day: string, reader: SessionUser): Views {
	const cache = new Map<string, Promise<unknown>>();
	const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
		if (!cache.has(key)) cache.set(key, load());
		return cache.get(key) as Promise<T>;
	};
	return {
		db,
		responseId,
		day,
		reader,
		rows: (dataset, filters) => {
			const query = new URLSearchParams(filters).toString();
			const path = `/api/v1/export/${dataset}.csv?${query}`;
			return once(path, async () => {
				const res = await call(db, reader, exportGet, path, { dataset, format: 'csv' });
				const [header, , ...rows]: string[][] = parse(Buffer.from(await res.arrayBuffer()), {
					bom: true
				});
				return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
			});
		},
		api: <T>(handler: Handler, path: string, params: Record<string, string> = {}) =>
			once(
				`api ${path}`,
				async () => (await (await call(db, reader, handler, path, params)).json()) as T
			)
	};
}

/** The sum of a column over the rows that pass `keep`. */
export const sum = (rows: Row[], column: string, keep: (r: Row) => boolean = () => true) =>
	rows.filter(keep).reduce((s, r) => {
		if (!(column in r)) throw new Error(`no column “${column}” in the export`);
		return s + Number(r[column] || 0);
	}, 0);
