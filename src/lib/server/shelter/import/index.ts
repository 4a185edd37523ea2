/**
 * The 4W import's service: the page creates a job, sends the file in pieces, starts the check
 * and then the commit, and polls `importStatus`. Checks and commits run in the background of
 * this process in short slices; their progress is in the database.
 */
import { m } from '$lib/paraglide/messages.js';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import { UserError } from '$lib/server/errors';
import { runCheck } from './check';
import { runCommit } from './commit';
import { isRunningHere, moveJob, requireJob, runHere, statusOf, type ImportStatus } from './jobs';

export {
	CHUNK_BYTES,
	appendChunk,
	createJob,
	recoverImports,
	requestCancel,
	requireJob,
	type ImportProblem,
	type ImportStatus
} from './jobs';

/**
 * A step started in the background. Awaiting the start is awaiting the refusal, if any; `done`
 * (for tests and scripts) settles when the step is over, and never rejects.
 */
export interface Started {
	done: Promise<void>;
}

/** Starts checking a fully uploaded file; the check goes on after the start is answered. */
export async function startCheck(
	db: Db,
	actor: Actor,
	responseId: number,
	id: string
): Promise<Started> {
	const job = await requireJob(db, actor, responseId, id);
	if (job.received !== job.size) throw new UserError(m.shel_import_incomplete(), 'conflict');
	if (!(await moveJob(db, id, ['uploading'], 'checking')))
		throw new UserError(m.shel_import_not_uploading(), 'conflict');
	return { done: runHere(db, id, () => runCheck(db, id)) };
}

/** Starts committing a file checked without problems. */
export async function startCommit(
	db: Db,
	actor: Actor,
	responseId: number,
	id: string
): Promise<Started> {
	const job = await requireJob(db, actor, responseId, id);
	if (job.state !== 'checked' || job.problemCount > 0 || isRunningHere(id)) {
		throw new UserError(m.shel_import_not_checked(), 'conflict');
	}
	if (!(await moveJob(db, id, ['checked'], 'committing')))
		throw new UserError(m.shel_import_not_checked(), 'conflict');
	return { done: runHere(db, id, () => runCommit(db, id)) };
}

export async function importStatus(
	db: Db,
	actor: Actor,
	responseId: number,
	id: string
): Promise<ImportStatus> {
	return statusOf(db, await requireJob(db, actor, responseId, id));
}
