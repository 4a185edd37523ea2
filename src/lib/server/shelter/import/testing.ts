/** Driving an import the way the page does, for service tests and the benchmark. */
import type { Actor } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import {
	CHUNK_BYTES,
	appendChunk,
	createJob,
	importStatus,
	requireJob,
	startCheck,
	startCommit
} from '.';

/** Uploads the file in pieces and checks it; the status as the page would see it afterwards. */
export async function checkFile(
	db: Db,
	actor: Actor,
	responseId: number,
	fileName: string,
	bytes: Uint8Array
) {
	const job = await createJob(db, actor, responseId, { fileName, size: bytes.byteLength });
	for (let at = 0; at < bytes.byteLength; at += CHUNK_BYTES) {
		await appendChunk(
			db,
			await requireJob(db, actor, responseId, job.id),
			at,
			bytes.subarray(at, at + CHUNK_BYTES)
		);
	}
	await (
		await startCheck(db, actor, responseId, job.id)
	).done;
	return importStatus(db, actor, responseId, job.id);
}

export async function commitFile(db: Db, actor: Actor, responseId: number, id: string) {
	await (
		await startCommit(db, actor, responseId, id)
	).done;
	return importStatus(db, actor, responseId, id);
}

/** Checks and, when there is nothing to fix, commits. */
export async function importFile(
	db: Db,
	actor: Actor,
	responseId: number,
	fileName: string,
	bytes: Uint8Array
) {
	const checked = await checkFile(db, actor, responseId, fileName, bytes);
	if (checked.state !== 'checked') return checked;
	return commitFile(db, actor, responseId, checked.id);
}
