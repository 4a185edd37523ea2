/**
 * `npm start`: serves the built app. `WORKERS=2` (or `auto`: one per core) runs that many
 * server processes behind one port with node:cluster, over the same WAL database; every state
 * one server needs from another (sessions, sign-in delays, keys, imports) is in the database.
 * The first worker migrates at start; the others start once it listens, so no two migrate.
 * Node's flags (the garbage collector's sizes) are in package.json's `start`, the one line the
 * benchmarks also start the server from; cluster workers inherit them. README's "Running in
 * production" says why those.
 */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';

const asked = process.env.WORKERS ?? '1';
const workers = asked === 'auto' ? availableParallelism() : Math.max(1, Number(asked) || 1);

if (workers === 1 || !cluster.isPrimary) {
	// A worker's link to the primary would keep it running after the server closed.
	if (cluster.isWorker) process.once('sveltekit:shutdown', () => cluster.worker?.disconnect());
	await import('../build/index.js');
} else {
	let stopping = false;
	const fork = () =>
		cluster.fork().on('exit', (code, signal) => {
			if (stopping) return;
			console.error(`A server process stopped (${signal ?? code}); starting another.`);
			fork();
		});
	fork().once('listening', () => {
		for (let i = 1; i < workers; i++) fork();
	});
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.on(signal, () => {
			stopping = true;
			for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
		});
	}
}
