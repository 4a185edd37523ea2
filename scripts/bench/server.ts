/**
 * The built app served on a loopback port over a demo database of its own, for the benchmarks
 * that go through HTTP: started as `npm run demo` starts it, signed in as a demo user.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { closeDb, migrateDb, openDb } from '../../src/lib/server/db';
import { ensureProvinces } from '../../src/lib/server/places/provinces';
import { isEmpty, seedDemo } from '../../src/lib/server/seed';
import { DEMO_PASSWORD } from '../../src/lib/server/seed/foundation';

export interface BenchServer {
	origin: string;
	databasePath: string;
	/** The `Cookie` header of a signed-in session. */
	signIn(email: string): Promise<string>;
	/** Resident set size of the server and every process it started, in MB (Linux). */
	rssMb(): number;
	/** CPU seconds (user + system) the server and every process it started have used (Linux). */
	cpuSeconds(): number;
	stop(): Promise<void>;
}

export const BENCH_PORT = Number(process.env.BENCH_PORT ?? 4293);

export async function startServer(workDir: string, port = BENCH_PORT): Promise<BenchServer> {
	if (!existsSync('build/index.js')) throw new Error('Run `npm run build` first.');
	const origin = `http://127.0.0.1:${port}`;
	const databasePath = join(workDir, 'http.db');
	// The demo is seeded here, so the server is exactly what `npm start` runs, and its memory
	// is the server's alone (no seeding, no TypeScript loader).
	const db = openDb(databasePath);
	await migrateDb(db);
	await ensureProvinces(db);
	if (await isEmpty(db)) await seedDemo(db);
	await closeDb(db);
	const [command, ...args] = startCommand();
	if (command !== 'node') throw new Error(`npm start runs ${command}, not node`);
	const child: ChildProcess = spawn(process.execPath, args, {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			DATABASE_URL: databasePath
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	child.on('exit', (code) => {
		if (code) console.error(`the bench server exited (${code})`);
	});
	// The adapter listens right after the import that follows the message.
	for (let i = 0; ; i++) {
		const ok = await fetch(`${origin}/healthz`).then(
			(r) => r.ok,
			() => false
		);
		if (ok) break;
		if (i > 600 || child.exitCode !== null) throw new Error('the server did not answer');
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		origin,
		databasePath,
		async signIn(email) {
			const res = await fetch(`${origin}/login`, {
				method: 'POST',
				redirect: 'manual',
				headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
				body: new URLSearchParams({ email, password: DEMO_PASSWORD })
			});
			const cookies = res.headers.getSetCookie().map((c) => c.split(';', 1)[0]);
			if (!cookies.some((c) => c.startsWith('sahakar_session='))) {
				throw new Error(`sign-in failed (${res.status})`);
			}
			return cookies.join('; ');
		},
		rssMb() {
			return child.pid ? treeRssMb(child.pid) : Number.NaN;
		},
		cpuSeconds() {
			return child.pid ? treeCpuSeconds(child.pid) : Number.NaN;
		},
		async stop() {
			const exited = new Promise((r) => child.once('exit', r));
			child.kill('SIGTERM');
			await exited;
		}
	};
}

/** Resident set of a process and its descendants (cluster workers), in MB. */
function treeRssMb(pid: number): number {
	const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSafe(`/proc/${pid}/status`))?.[1] ?? 0);
	const children = readFileSafe(`/proc/${pid}/task/${pid}/children`).split(/\s+/).filter(Boolean);
	return kb / 1024 + children.reduce((sum, c) => sum + treeRssMb(Number(c)), 0);
}

/** CPU seconds of a process and its descendants; exited workers are not counted. */
function treeCpuSeconds(pid: number): number {
	const fields = readFileSafe(`/proc/${pid}/stat`).split(') ')[1]?.split(' ') ?? [];
	// utime and stime, the 14th and 15th fields (12th and 13th after the command name), in ticks.
	const own = (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
	const children = readFileSafe(`/proc/${pid}/task/${pid}/children`).split(/\s+/).filter(Boolean);
	return own + children.reduce((sum, c) => sum + treeCpuSeconds(Number(c)), 0);
}

/** `npm start`'s command line, so the benchmarks serve the app as production does. */
export function startCommand(): string[] {
	const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } };
	return pkg.scripts.start.split(/\s+/);
}

function readFileSafe(path: string): string {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return '';
	}
}
function firstId(databasePath: string, sql: string): number {
	const db = new Database(databasePath, { readonly: true });
	try {
		const row = db.prepare(sql).get() as { id: number } | undefined;
		if (!row) throw new Error(`the demo has nothing for: ${sql}`);
		return row.id;
	} finally {
		db.close();
	}
}

/** The id of the demo's mass-return response. */
export const returnResponseId = (path: string) =>
	firstId(path, `select id from responses where kind = 'mass_return' order by id limit 1`);

/** The demo response with the most 4W activities. */
export const shelterResponseId = (path: string) =>
	firstId(
		path,
		'select response_id as id from shelter_activities group by 1 order by count(*) desc limit 1'
	);
