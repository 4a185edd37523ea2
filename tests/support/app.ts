/**
 * The built app as a child process on a database of its own, for the security tests that run
 * against the server itself (authorization matrix, fuzzing, crash). It listens on a Unix socket
 * in a temporary folder, so no port is taken from anyone, and is ready when adapter-node says
 * it listens. A browser cannot reach a socket: for a test that drives Chromium against an app
 * of its own, `createApp` is given a loopback TCP port instead.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SmallWorld } from './make-small-world';
import type { World } from './world';

export const ORIGIN = 'http://localhost';
export const ROLES = ['admin', 'coordinator', 'partner', 'field', 'viewer'] as const;
/** The matrix's columns: the five roles, then signed out. */
export const COLUMNS = [...ROLES, 'out'] as const;
export type Role = (typeof ROLES)[number];
export type Column = (typeof COLUMNS)[number];

export interface Call {
	method?: string;
	path: string;
	/** The session token to send as the session cookie. */
	session?: string | null;
	form?: Record<string, string | string[]>;
	json?: unknown;
	body?: string;
	headers?: Record<string, string>;
}

export interface Answer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

export interface App {
	dir: string;
	dbPath: string;
	/** The origin the app answers as; a browser can open it when the app listens on a port. */
	origin: string;
	send: (call: Call) => Promise<Answer>;
	/** Starts the server (again) on the same database. */
	start: () => Promise<void>;
	/** Stops the server: SIGTERM by default, SIGKILL to crash it. */
	stop: (signal?: NodeJS.Signals) => Promise<void>;
	/** Stops the server and removes the folder. */
	dispose: () => Promise<void>;
	/** What the server wrote to its standard error since it started. */
	errors: () => string;
}

/** Makes the test world in the database (see make-world.ts) and returns what it printed. */
export function makeWorld(dbPath: string): World {
	// The script serves the engine its database is on (a file, or a postgres:// URL).
	const made = spawnSync('npx', ['tsx', 'tests/support/make-world.ts', dbPath], {
		encoding: 'utf8',
		env: { ...process.env, DATABASE_URL: dbPath }
	});
	if (made.status !== 0) throw new Error(`The test world was not made:\n${made.stderr}`);
	return JSON.parse(made.stdout) as World;
}

/** The little a test of several servers needs (see make-small-world.ts), in a fresh database. */
export function makeSmallWorld(database: string): SmallWorld {
	const made = spawnSync('npx', ['tsx', 'tests/support/make-small-world.ts', database], {
		encoding: 'utf8',
		env: { ...process.env, DATABASE_URL: database }
	});
	if (made.status !== 0) throw new Error(`The small world was not made:\n${made.stderr}`);
	return JSON.parse(made.stdout) as SmallWorld;
}

/** Seeds the demo into the database, as `npm run demo` does on an empty one (see make-demo.ts). */
export function makeDemo(dbPath: string): void {
	const made = spawnSync('npx', ['tsx', 'tests/support/make-demo.ts', dbPath], {
		encoding: 'utf8'
	});
	if (made.status !== 0) throw new Error(`The demo was not seeded:\n${made.stderr}`);
}

/** A loopback port nobody listens on now, from the system. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address ? resolve(address.port) : reject(new Error())
			);
		});
	});
}

/**
 * `database`: another app's database file, for several servers writing to one database.
 * `port`: listen on this loopback port, as the app's origin, instead of on a Unix socket.
 */
export function createApp(env: Record<string, string> = {}, database?: string, port?: number): App {
	const dir = mkdtempSync(join(tmpdir(), 'sahakar-app-'));
	const dbPath = database ?? join(dir, 'sahakar.db');
	const socketPath = join(dir, 'app.sock');
	const origin = env.ORIGIN ?? (port === undefined ? ORIGIN : `http://127.0.0.1:${port}`);
	const listenOn: Record<string, string> =
		port === undefined
			? // A Unix socket has no client address: the tests name one, as a proxy would.
				{ SOCKET_PATH: socketPath, ADDRESS_HEADER: 'x-test-client' }
			: { HOST: '127.0.0.1', PORT: String(port) };
	let child: ChildProcess | null = null;
	let stderr = '';

	const start = () =>
		new Promise<void>((resolve, reject) => {
			const proc = spawn(process.execPath, ['build/index.js'], {
				env: {
					...process.env,
					...env,
					...listenOn,
					DATABASE_URL: dbPath,
					ORIGIN: origin
				},
				stdio: ['ignore', 'pipe', 'pipe']
			});
			child = proc;
			let output = '';
			const listen = (chunk: Buffer) => {
				output += chunk.toString();
				if (output.includes('Listening on')) {
					proc.stdout?.off('data', listen);
					resolve();
				}
			};
			proc.stdout?.on('data', listen);
			proc.stderr?.on('data', (chunk: Buffer) => {
				output += chunk.toString();
				stderr += chunk.toString();
			});
			proc.once('exit', (code) => reject(new Error(`The app exited (${code}):\n${output}`)));
		});

	const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
		new Promise<void>((resolve) => {
			const proc = child;
			child = null;
			if (!proc || proc.exitCode !== null || proc.signalCode !== null) return resolve();
			proc.removeAllListeners('exit');
			proc.once('exit', () => resolve());
			proc.kill(signal);
		});

	const send = (call: Call) =>
		new Promise<Answer>((resolve, reject) => {
			const headers: Record<string, string> = { ...call.headers };
			let body = call.body;
			if (call.form) {
				const params = new URLSearchParams();
				for (const [k, v] of Object.entries(call.form))
					for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
				body = params.toString();
				headers['content-type'] ??= 'application/x-www-form-urlencoded';
			}
			if (call.json !== undefined) {
				body = JSON.stringify(call.json);
				headers['content-type'] ??= 'application/json';
			}
			if (call.session) headers.cookie = `sahakar_session=${call.session}`;
			headers['x-test-client'] ??= '127.0.0.1';
			// As a browser asks for pages and a script for the API.
			headers.accept ??= call.path.startsWith('/api/')
				? 'application/json'
				: 'text/html,application/xhtml+xml,*/*;q=0.8';
			const method = call.method ?? (body === undefined ? 'GET' : 'POST');
			if (method !== 'GET') headers.origin ??= origin;
			if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
			const where = port === undefined ? { socketPath } : { host: '127.0.0.1', port };
			const req = httpRequest({ ...where, path: call.path, method, headers }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						body: Buffer.concat(chunks).toString('utf8')
					})
				);
				res.on('error', reject);
			});
			req.on('error', reject);
			req.end(body);
		});

	return {
		dir,
		dbPath,
		origin,
		send,
		start,
		stop,
		errors: () => stderr,
		dispose: async () => {
			await stop();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
