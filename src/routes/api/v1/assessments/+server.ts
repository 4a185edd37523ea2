import { json } from '@sveltejs/kit';
import { assessmentListQuery } from '$lib/domain/api';
import {
	BATCH_MAX_BYTES,
	SINGLE_MAX_BYTES,
	assessmentBatchSchema,
	assessmentSchema
} from '$lib/domain/assessments';
import { can } from '$lib/domain/policy';
import {
	apiActor,
	endpoint,
	knownResponse,
	readJsonBody,
	readQuery,
	tooLarge,
	validBody
} from '$lib/server/api';
import { keysetPage } from '$lib/server/api/pages';
import { answerBatch, recordsAfter, submitAssessment } from '$lib/server/assessments';
import type { RequestHandler } from './$types';

const isBatch = (body: unknown) =>
	typeof body === 'object' && body !== null && !Array.isArray(body) && 'records' in body;

/**
 * Takes one submission, or a batch of them (`{ "records": [...] }`, what the outbox sends).
 * One: 201 with the record the first time, 200 with the same record when the same id and content
 * come again (a retry), 409 when the id was used for other content. The answer's `warnings`
 * name what was stored but looks wrong, such as a P-code the point is not in. A batch: 200 with
 * `results`, one per record in their order, each with the status and answer that record would
 * have had alone; the records stored are stored together.
 */
export const POST: RequestHandler = endpoint(async (event) => {
	const user = apiActor(event, 'assessment.submit', 'write');
	const { body, bytes } = await readJsonBody(event.request, BATCH_MAX_BYTES);
	// A token is a program calling the API; a session is the app's own form sending its outbox.
	const source = event.locals.apiScopes ? 'api' : 'sahakar_form';
	const db = event.locals.db;
	if (isBatch(body)) {
		const { records } = validBody(assessmentBatchSchema, body);
		return json({ results: await answerBatch(db, user, records, { source }) });
	}
	if (bytes > SINGLE_MAX_BYTES) throw tooLarge(SINGLE_MAX_BYTES);
	const input = validBody(assessmentSchema, body);
	const { outcome, record, warnings } = await submitAssessment(db, user, input, { source });
	// Stored as given; `warnings` says what to look at again (the area and the point disagree).
	return json({ data: record, warnings }, { status: outcome === 'created' ? 201 : 200 });
});

/** The assessments of a response in order of arrival, a page at a time. */
export const GET: RequestHandler = endpoint(async (event) => {
	const user = apiActor(event, 'assessment.read', 'read', {
		organisationId: event.locals.user?.organisationId
	});
	const { limit, cursor, ...f } = readQuery(event.url, assessmentListQuery);
	const db = event.locals.db;
	await knownResponse(db, f.responseId);
	const everyOrganisation = can(user, 'assessment.read', { organisationId: null });
	const filter = { ...f, organisationId: everyOrganisation ? null : user.organisationId };
	return json(
		await keysetPage(
			'assessments',
			{ limit, cursor },
			(after, take) => recordsAfter(db, filter, after, take),
			(r) => r.seq
		)
	);
});
